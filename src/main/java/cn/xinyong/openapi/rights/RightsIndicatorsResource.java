package cn.xinyong.openapi.rights;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The plans' indicators for subjects' rights, as open data. */
@Path("/v1/indicators/rights")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "subjects' rights")
@PermitAll
public class RightsIndicatorsResource {

    private final RightsIndicators indicators;

    RightsIndicatorsResource(RightsIndicators indicators) {
        this.indicators = indicators;
    }

    @GET
    @Operation(operationId = "getRightsIndicators", summary = "信用异议发生率, time to decision and 信用修复通过率",
            description = "Counts of objections and repair applications by outcome, with the hours they took to decide, "
                    + "the objection rate against the records published now and the repair pass rate.")
    @APIResponse(responseCode = "200", description = "The indicators now",
            content = @Content(schema = @Schema(implementation = RightsIndicators.Indicators.class)))
    public Uni<RightsIndicators.Indicators> now() {
        return indicators.now();
    }
}
