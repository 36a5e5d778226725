package cn.xinyong.openapi.rights;

import cn.xinyong.openapi.platform.paging.ArrivalFeed;
import cn.xinyong.openapi.platform.paging.CursorCodec;
import cn.xinyong.openapi.platform.problem.Problem;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The platform's side of subjects' applications: collect the new ones, post each decision (ingest token). */
@Path("/internal/applications")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "internal", description = "For the credit information sharing platform only (ingest token)")
@SecurityRequirement(name = "ingestToken")
public class RightsAdminResource {

    private final ApplicationService applications;
    private final CursorCodec cursors;

    RightsAdminResource(ApplicationService applications, CursorCodec cursors) {
        this.applications = applications;
        this.cursors = cursors;
    }

    @GET
    @Operation(operationId = "collectApplications", summary = "Applications in submission order, for the platform",
            description = "Start without `since`, then pass the returned `position`. Each comes with its history.")
    @APIResponse(responseCode = "200", description = "A page of applications",
            content = @Content(schema = @Schema(implementation = RightsViews.Page.class)))
    @APIResponse(responseCode = "400", description = "Bad position or limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RightsViews.Page> collect(@QueryParam("since") String since, @QueryParam("limit") String limit) {
        return ArrivalFeed.page(cursors, "rights-applications", since, limit, applications::since)
                .map(page -> new RightsViews.Page(page.items(), page.position(), page.more()));
    }

    @POST
    @Path("/{number}/status")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "decideApplication", summary = "Post the platform's decision on an application",
            description = "submitted → accepted or refused → verifying → upheld or dismissed. Accepting marks the record "
                    + "disputed (a new feed position); dismissing lifts the mark; after upholding, correct or withdraw "
                    + "the record through the feed. Posting the current status again changes nothing.")
    @APIResponse(responseCode = "200", description = "The application with its history",
            content = @Content(schema = @Schema(implementation = RightsViews.Application.class)))
    @APIResponse(responseCode = "400", description = "Unknown status or oversized note",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such application",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The status cannot follow the current one",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RightsViews.Application> decide(@PathParam("number") String number,
            @Valid @NotNull(message = "a JSON body is required") RightsViews.StatusChangeRequest change) {
        return applications.decide(number, change);
    }
}
