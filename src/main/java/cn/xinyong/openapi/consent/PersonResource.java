package cn.xinyong.openapi.consent;

import cn.xinyong.openapi.platform.web.RateLimitGroup;
import cn.xinyong.openapi.platform.problem.ApiProblem;
import cn.xinyong.openapi.platform.problem.Problem;
import cn.xinyong.openapi.platform.security.Caller;
import cn.xinyong.openapi.platform.security.Callers;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** 自然人信用记录: only for a partner holding the person's consent; every call is audited. */
@RateLimitGroup(RateLimitGroup.PERSONS)
@Path("/v1/persons")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "persons", description = "Personal credit records (自然人), only with the person's consent; every access audited")
@SecurityRequirement(name = "jwt", scopes = "persons:read")
public class PersonResource {

    static final String SCOPE = "persons:read";
    private final ConsentService consents;
    private final SecurityIdentity identity;

    PersonResource(ConsentService consents, SecurityIdentity identity) {
        this.consents = consents;
        this.identity = identity;
    }

    @GET
    @Path("/credit")
    @RolesAllowed(Caller.PARTNER_ROLE)
    @Operation(operationId = "readPersonCredit", summary = "A person's consented records (经授权的自然人信用记录)",
            description = "The consent names the person, the kinds of records and the purpose; the person's ID never "
                    + "appears in the request or the answer.")
    @APIResponse(responseCode = "200", description = "The consented kinds of records",
            content = @Content(schema = @Schema(implementation = ConsentViews.Credit.class)))
    @APIResponse(responseCode = "400", description = "Missing consent or purpose",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid partner token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "No valid consent for this partner and purpose, or no scope",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> credit(
            @Parameter(description = "The consent id the person gave you", required = true) @QueryParam("consent") String consent,
            @Parameter(description = "Why you ask: must be the consent's purpose", required = true) @QueryParam("purpose") String purpose) {
        Caller caller = Callers.of(identity, "");
        Callers.requireScope(caller, SCOPE);
        if (purpose == null || !ConsentViews.PURPOSES.containsKey(purpose)) {
            throw ApiProblem.invalidField("purpose", "must be one of " + ConsentViews.PURPOSES.keySet());
        }
        return consents.read(caller.clientId(), cn.xinyong.openapi.platform.web.Params.consentId("consent", consent), purpose)
                .map(credit -> Response.ok(credit).header("Cache-Control", "no-store").build());
    }
}
