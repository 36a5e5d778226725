package cn.xinyong.openapi.ingest;

import cn.xinyong.openapi.platform.problem.ApiProblem;
import cn.xinyong.openapi.platform.problem.ProblemType;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
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
                    + "line number and reason while the rest are applied.")
    public IngestReport ingest(@HeaderParam("Authorization") String authorization,
            @Parameter(description = "Make the batch searchable before answering")
            @QueryParam("refresh") @DefaultValue("false") boolean refresh,
            @Parameter(description = "Where the batch comes from, for the ingest log")
            @QueryParam("source") @DefaultValue("platform") String source,
            InputStream body) throws IOException {
        authorize(authorization);
        PushbackInputStream in = new PushbackInputStream(body, 1);
        int first = in.read();
        if (first < 0) {
            throw new ApiProblem(ProblemType.INVALID_FEED, "The request body is empty: send one event per line");
        }
        in.unread(first);
        return service.ingest(in, source, refresh);
    }

    @GET
    @Path("/runs")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "listIngestRuns", summary = "The latest ingest batches, newest first")
    public Uni<List<IngestRun>> runs(@HeaderParam("Authorization") String authorization,
            @QueryParam("limit") @DefaultValue("20") int limit) {
        authorize(authorization);
        if (limit < 1 || limit > 100) {
            throw ApiProblem.invalidField("limit", "must be between 1 and 100");
        }
        return service.recentRuns(limit);
    }

    /** Checks the ingest token (also guards the other internal operations). */
    public void authorize(String authorization) {
        String expected = config.token().filter(t -> !t.isBlank()).orElse(null);
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            throw new ApiProblem(ProblemType.UNAUTHORIZED, "Send the ingest token as 'Authorization: Bearer <token>'");
        }
        byte[] given = authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        if (expected == null || !MessageDigest.isEqual(given, expected.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiProblem(ProblemType.FORBIDDEN, "The ingest token is not valid");
        }
    }
}
