package cn.xinyong.openapi.feeds;

import cn.xinyong.openapi.platform.problem.ApiProblem;
import cn.xinyong.openapi.platform.problem.Problem;
import cn.xinyong.openapi.platform.problem.ProblemType;
import cn.xinyong.openapi.platform.web.Caching;
import cn.xinyong.openapi.platform.web.RateLimitGroup;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Signed full dumps for mirrors (全量数据包): the manifest and the files. */
@Path("/v1/dumps")
@PermitAll
public class DumpResource {

    private final DumpService dumps;

    DumpResource(DumpService dumps) {
        this.dumps = dumps;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Tag(name = "open data")
    @Operation(operationId = "getDumpManifest", summary = "The newest full dumps and their signed manifest (全量数据包)",
            description = "One gzipped NDJSON file per public dataset, each from one snapshot, with its SHA-256, record "
                    + "count and the change-feed position it is consistent with. `token` is the manifest signed with "
                    + "ES256 (audience `dump-manifest`, claim `manifest`); verify it against `/v1/xinyi/jwks`, check "
                    + "each file's SHA-256, load the files, then read each dataset's feed from its `feedPosition`. "
                    + "New dumps are made about every 8 hours.")
    @APIResponse(responseCode = "200", description = "The manifest and its signature",
            content = @Content(schema = @Schema(implementation = DumpService.Signed.class)))
    @APIResponse(responseCode = "404", description = "No dump has been made yet",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response manifest(@HeaderParam("If-None-Match") String ifNoneMatch) {
        DumpService.Signed signed = dumps.current().orElseThrow(() -> new ApiProblem(ProblemType.NOT_FOUND,
                "No dump has been made yet: use the exports and the change feeds meanwhile"));
        String tag = signed.manifest().generation();
        if (Caching.notModified(ifNoneMatch, tag)) {
            return Response.notModified().header("ETag", Caching.etag(tag)).build();
        }
        return Response.ok(signed).header("ETag", Caching.etag(tag)).header("Cache-Control", Caching.publicFor(60)).build();
    }

    @GET
    @Path("/{file}")
    @Produces("application/gzip")
    @RateLimitGroup(RateLimitGroup.EXPORTS)
    @Tag(name = "open data")
    @Operation(operationId = "downloadDump", summary = "One dump file, as listed in the manifest",
            description = "Gzipped NDJSON: one record per line, the same JSON as the exports and the feed. Its "
                    + "SHA-256 is in the signed manifest and in the ETag.")
    @APIResponse(responseCode = "200", description = "The file", content = @Content(mediaType = "application/gzip"),
            headers = @Header(name = "ETag", description = "The file's SHA-256", schema = @Schema(type =
                    org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "No such file (it may belong to a generation no longer kept)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response file(@Parameter(description = "A file name from the manifest") @PathParam("file") String name) {
        java.nio.file.Path file = dumps.file(name).orElseThrow(() -> new ApiProblem(ProblemType.NOT_FOUND,
                "No dump file '" + name + "': read the manifest at /v1/dumps for the current ones",
                List.of(new Problem.FieldError("file", "unknown"))));
        Response.ResponseBuilder ok = Response.ok(file.toFile())
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"")
                .header("Cache-Control", Caching.publicFor(86_400));
        dumps.current().flatMap(s -> s.manifest().dumps().stream().filter(d -> d.file().equals(name)).findFirst())
                .ifPresent(d -> ok.header("ETag", "\"" + d.sha256() + "\"")); // strong: the bytes themselves
        return ok.build();
    }
}
