package cn.xinyong.openapi.feeds;

import cn.xinyong.openapi.platform.problem.Problem;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The platform's trigger for a new generation of dumps (ingest token). */
@Path("/internal/dumps")
@Tag(name = "internal", description = "For the credit information sharing platform only (ingest token)")
@SecurityRequirement(name = "ingestToken")
public class DumpAdminResource {

    private final DumpService dumps;

    DumpAdminResource(DumpService dumps) {
        this.dumps = dumps;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "makeDumps", summary = "Make a new generation of dumps now",
            description = "Normally made on schedule; the answer comes when every file is written.")
    @APIResponse(responseCode = "200", description = "The new manifest",
            content = @Content(schema = @Schema(implementation = DumpService.Signed.class)))
    @APIResponse(responseCode = "409", description = "A dump is being made, or this one lost its lease to another instance (nothing of it is kept)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<DumpService.Signed> make() {
        return dumps.dump();
    }
}
