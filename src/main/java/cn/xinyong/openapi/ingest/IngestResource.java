package cn.xinyong.openapi.ingest;

import cn.xinyong.openapi.platform.problem.ApiProblem;
import cn.xinyong.openapi.platform.problem.Problem;
import cn.xinyong.openapi.platform.problem.ProblemType;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The platform's entry point into the read model; not part of the public API. */
@Path("/internal/ingest")
@Tag(name = "internal", description = "Platform-facing operations, guarded by the ingest token (not public)")
@SecurityRequirement(name = "ingestToken")
public class IngestResource {

    private final IngestService service;
    private final IngestConfig config;

    IngestResource(IngestService service, IngestConfig config) {
        this.service = service;
        this.config = config;
    }

    @POST
    @Blocking
    @Consumes({"application/x-ndjson", MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "ingestFeed", summary = "Apply a batch of platform feed lines (NDJSON)",
            description = "Each line is a change event (see docs/feed-contract.md). Lines are applied in order; "
                    + "a higher version wins and replays change nothing; rejected lines are reported with their "
                    + "line number and reason while the rest are applied. A body over the limit (16 MB by default) "
                    + "is refused with 413 before anything is applied.")
    @APIResponse(responseCode = "200", description = "What the batch did",
            content = @Content(schema = @Schema(implementation = IngestReport.class)))
    @APIResponse(responseCode = "400", description = "An empty body: nothing to apply",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "The body is over the limit: nothing was applied",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public IngestReport ingest(@Parameter(description = "Make the batch searchable before answering")
            @QueryParam("refresh") @DefaultValue("false") boolean refresh,
            @Parameter(description = "Where the batch comes from, for the ingest log")
            @QueryParam("source") @DefaultValue("platform") String source,
            InputStream body) throws IOException {
        byte[] batch = readWhole(body, config.maxBody().asLongValue());
        if (batch.length == 0) {
            throw new ApiProblem(ProblemType.INVALID_FEED, "The request body is empty: send one event per line");
        }
        BufferedReader reader = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(batch),
                StandardCharsets.UTF_8), 1 << 16);
        return service.ingest(reader.lines().iterator(), source, IngestService.Target.live(refresh, 1));
    }

    /** The whole body, or 413 as soon as it passes the limit (so nothing of an oversized batch is applied). */
    static byte[] readWhole(InputStream in, long limit) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        if (bytes.length > limit) {
            throw new ApiProblem(ProblemType.PAYLOAD_TOO_LARGE, "The batch is larger than " + limit
                    + " bytes: nothing was applied; split it into smaller batches",
                    List.of(new Problem.FieldError("body", "larger than " + limit + " bytes")));
        }
        return bytes;
    }

    @GET
    @Path("/runs")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listIngestRuns", summary = "The latest ingest batches, newest first")
    public Uni<List<IngestRun>> runs(@QueryParam("limit") @DefaultValue("20") int limit) {
        if (limit < 1 || limit > 100) {
            throw ApiProblem.invalidField("limit", "must be between 1 and 100");
        }
        return service.recentRuns(limit);
    }
}
