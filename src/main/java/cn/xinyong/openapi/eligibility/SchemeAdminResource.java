package cn.xinyong.openapi.eligibility;

import cn.xinyong.openapi.platform.problem.ApiProblem;
import cn.xinyong.openapi.platform.problem.Problem;
import cn.xinyong.openapi.platform.problem.ProblemType;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Operators replace the 信易+ schemes without a release, for every instance (a shared revision the others put
 * in force within seconds); an invalid document changes nothing.
 */
@Path("/internal/xinyi/schemes")
@Tag(name = "internal")
@SecurityRequirement(name = "ingestToken")
public class SchemeAdminResource {

    private final SchemeCatalog catalog;

    SchemeAdminResource(SchemeCatalog catalog) {
        this.catalog = catalog;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replaceSchemes", summary = "Replace the 信易+ scheme configuration",
            description = "Validated strictly; an invalid configuration is refused with the scheme and rule named, and "
                    + "the schemes in force stay. A valid one is stored as the next shared revision (unless it is the "
                    + "one stored already), which every instance puts in force within seconds.")
    @APIResponse(responseCode = "200", description = "The codes of the schemes now in force",
            headers = @Header(name = "Config-Revision", description = "The shared revision now in force (共享配置版本)",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64")),
            content = @Content(schema = @Schema(type = SchemaType.ARRAY, implementation = String.class)))
    @APIResponse(responseCode = "400", description = "Invalid configuration: nothing changed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> replace(@RequestBody(required = true, description = "The whole scheme configuration, in the format of the "
                    + "shipped xinyi/schemes.json (an object with `schemes`)",
                    content = @Content(mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(type = SchemaType.OBJECT))) byte[] body) {
        return catalog.replace(body)
                .map(now -> Response.ok(List.copyOf(now.value().keySet())).header("Config-Revision", now.revision()).build())
                .onFailure(SchemeParser.InvalidSchemes.class)
                .transform(e -> new ApiProblem(ProblemType.INVALID_REQUEST, "Schemes not changed: " + e.getMessage()));
    }
}
