package cn.xinyong.openapi.rights;

import cn.xinyong.openapi.platform.problem.Problem;
import cn.xinyong.openapi.platform.security.Caller;
import cn.xinyong.openapi.platform.security.SubjectHasher;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * 异议: an organisation objects to its own public records, a resident to their own personal records, and both
 * follow their applications' status.
 */
@Path("/v1/objections")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "subjects' rights", description = "异议 and 信用修复: a subject's own applications about its records, "
        + "with their status history (organisations with an organisation token, residents through the app)")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Caller.ORGANISATION_ROLE, Caller.SUBJECT_ROLE})
public class ObjectionResource {

    private final ApplicationService applications;
    private final SecurityIdentity identity;
    private final SubjectHasher hasher;

    ObjectionResource(ApplicationService applications, SecurityIdentity identity, SubjectHasher hasher) {
        this.applications = applications;
        this.identity = identity;
        this.hasher = hasher;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "fileObjection", summary = "Object to one of your own records (提出异议)",
            description = "The platform accepts or refuses it, verifies it and upholds or dismisses it; follow the "
                    + "status with GET /v1/objections/{number}. While it is accepted or being verified the record is "
                    + "shown as disputed and the punishments resting on it are suspended.")
    @APIResponse(responseCode = "201", description = "Filed; Location names the application",
            content = @Content(schema = @Schema(implementation = RightsViews.Application.class)))
    @APIResponse(responseCode = "400", description = "A missing or oversized field, or a dataset the caller cannot object in",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Not the caller's record (nothing more is said about it)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such published record",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "An objection of the caller's to this record is still open",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> file(@Valid @NotNull(message = "a JSON body is required") RightsViews.ObjectionRequest request) {
        return applications.file(ApplicationService.OBJECTION, applicant(),
                cn.xinyong.openapi.readmodel.Dataset.byFeedName(request.dataset()).orElseThrow(), request.recordId(),
                request.reason(), request.evidence()).map(a -> Response.created(URI.create("/v1/objections/" + a.number()))
                .entity(a).header("Cache-Control", "no-store").build());
    }

    @GET
    @Operation(operationId = "listObjections", summary = "Your objections, newest first, with their history")
    @APIResponse(responseCode = "200", description = "Applications",
            content = @Content(schema = @Schema(implementation = RightsViews.Application.class, type = SchemaType.ARRAY)))
    public Uni<List<RightsViews.Application>> mine() {
        return applications.mine(ApplicationService.OBJECTION, applicant());
    }

    @GET
    @Path("/{number}")
    @Operation(operationId = "getObjection", summary = "One of your objections with its status history")
    @APIResponse(responseCode = "200", description = "The application",
            content = @Content(schema = @Schema(implementation = RightsViews.Application.class)))
    @APIResponse(responseCode = "404", description = "You have no application with this number",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RightsViews.Application> one(@PathParam("number") String number) {
        return applications.one(ApplicationService.OBJECTION, applicant(), number);
    }

    private ApplicationService.Applicant applicant() {
        return Applicants.of(identity, hasher);
    }
}
