package cn.xinyong.openapi.platform.problem;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Makes every problem {@code type} URI resolvable: what it means and its status. */
@Path("/problems")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "problems", description = "The error kinds this API answers with (RFC 9457 problem types)")
@PermitAll
public class ProblemCatalogResource {

    /** One documented problem type. */
    public record ProblemTypeDoc(String type, String title, int status) {
    }

    @GET
    @Operation(operationId = "listProblemTypes", summary = "Every problem type")
    public List<ProblemTypeDoc> all() {
        return Arrays.stream(ProblemType.values()).map(ProblemCatalogResource::doc).toList();
    }

    @GET
    @Path("/{slug}")
    @Operation(operationId = "getProblemType", summary = "One problem type")
    @APIResponse(responseCode = "200", description = "The problem type",
            content = @Content(schema = @Schema(implementation = ProblemTypeDoc.class)))
    @APIResponse(responseCode = "404", description = "No such problem type",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ProblemTypeDoc one(@PathParam("slug") String slug) {
        return Arrays.stream(ProblemType.values()).filter(t -> t.slug().equals(slug)).findFirst()
                .map(ProblemCatalogResource::doc)
                .orElseThrow(() -> new ApiProblem(ProblemType.NOT_FOUND, "No problem type '" + slug + "'"));
    }

    private static ProblemTypeDoc doc(ProblemType t) {
        return new ProblemTypeDoc(t.uri(), t.title(), t.status());
    }
}
