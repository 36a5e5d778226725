package cn.xinyong.openapi.measures;

import cn.xinyong.openapi.platform.paging.ArrivalFeed;
import cn.xinyong.openapi.platform.paging.CursorCodec;
import cn.xinyong.openapi.platform.problem.ApiProblem;
import cn.xinyong.openapi.platform.problem.Problem;
import cn.xinyong.openapi.platform.problem.ProblemType;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operators and the platform: the measure catalogue replaced, and the execution feedback collected. */
@Path("/internal/measures")
@Tag(name = "internal", description = "Platform-facing operations, guarded by the ingest token (not public)")
@SecurityRequirement(name = "ingestToken")
@Produces(MediaType.APPLICATION_JSON)
public class MeasureAdminResource {

    /** What a replacement put in force, and its shared revision (共享配置版本), which every instance takes within seconds. */
    @Schema(name = "MeasureCatalogueInForce")
    @io.quarkus.runtime.annotations.RegisterForReflection // travels inside a Response
    public record InForce(String version, int measures, int matters,
            @Schema(description = "The shared revision now in force (共享配置版本); every instance puts it in force "
                    + "within seconds") long revision) {
    }

    private final MeasureCatalog catalog;
    private final FeedbackService feedback;
    private final CursorCodec cursors;

    MeasureAdminResource(MeasureCatalog catalog, FeedbackService feedback, CursorCodec cursors) {
        this.catalog = catalog;
        this.feedback = feedback;
        this.cursors = cursors;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaceMeasureCatalogue", summary = "Replace the measure catalogue",
            description = "Validated strictly; an invalid catalogue is refused with the measure and field named, and the "
                    + "catalogue in force stays. A valid one is stored as the next shared revision (unless it is the one "
                    + "stored already), which every instance puts in force within seconds.")
    @APIResponse(responseCode = "200", description = "The catalogue now in force",
            headers = @Header(name = "Config-Revision", description = "The shared revision now in force (共享配置版本)",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64")),
            content = @Content(schema = @Schema(implementation = InForce.class)))
    @APIResponse(responseCode = "400", description = "Invalid catalogue: nothing changed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> replace(@RequestBody(required = true, description = "The whole catalogue, in the format of the shipped "
                    + "measures/measures.json (an object with `version`, `matters` and `measures`)",
                    content = @Content(mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(type = SchemaType.OBJECT))) byte[] body) {
        return catalog.replace(body).map(now -> {
            MeasureCatalogue c = now.value();
            return Response.ok(new InForce(c.version(), c.measures().size(), c.matters().size(), now.revision()))
                    .header("Config-Revision", now.revision()).build();
        }).onFailure(MeasureParser.InvalidCatalogue.class).transform(e -> new ApiProblem(ProblemType.INVALID_REQUEST,
                "Catalogue not changed: " + e.getMessage(), List.of(new Problem.FieldError("catalogue", e.getMessage()))));
    }

    @GET
    @Path("/feedback")
    @Operation(operationId = "collectMeasureFeedback", summary = "Execution feedback in arrival order, for the platform",
            description = "Start without `since`, then pass the returned `position`.")
    @APIResponse(responseCode = "200", description = "A page of feedback",
            content = @Content(schema = @Schema(implementation = MeasureViews.FeedbackPage.class)))
    @APIResponse(responseCode = "400", description = "Bad position or limit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<MeasureViews.FeedbackPage> collect(@QueryParam("since") String since, @QueryParam("limit") String limit) {
        return ArrivalFeed.page(cursors, "measure-feedback", since, limit, feedback::since)
                .map(page -> new MeasureViews.FeedbackPage(page.items(), page.position(), page.more()));
    }
}
