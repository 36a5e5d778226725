package cn.xinyong.openapi.ingest;

import cn.xinyong.openapi.readmodel.CacheRecovery;
import cn.xinyong.openapi.readmodel.FeedPositions;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operators' view of the read model: the cache's state and the command that rebuilds it from the index. */
@Path("/internal/read-model")
@Tag(name = "internal", description = "Platform-facing operations, guarded by the ingest token (not public)")
@SecurityRequirement(name = "ingestToken")
@Produces(MediaType.APPLICATION_JSON)
public class ReadModelAdminResource {

    /** The read model as this instance sees it. */
    @Schema(name = "ReadModelState")
    public record State(
            @Schema(description = "complete (reads from Redis), incomplete or rebuilding (reads from the index)",
                    enumeration = {"unknown", "complete", "incomplete", "rebuilding"}) String cache,
            @Schema(description = "The highest change-feed position handed out") long lastPosition,
            @Schema(description = "The position every feed may read up to (no write below it is in flight)")
            long settledPosition,
            @Schema(description = "When this instance last finished a rebuild") Instant lastRebuildAt,
            @Schema(description = "Entries the last rebuild wrote into the cache") Long lastRebuildWritten,
            @Schema(description = "Entries the last rebuild removed (absent from the index)") Long lastRebuildRemoved) {
    }

    private final CacheRecovery recovery;
    private final FeedPositions positions;

    ReadModelAdminResource(CacheRecovery recovery, FeedPositions positions) {
        this.recovery = recovery;
        this.positions = positions;
    }

    @GET
    @Operation(operationId = "getReadModelState", summary = "The cache's state and the feed positions")
    @APIResponse(responseCode = "200", description = "The state",
            content = @Content(schema = @Schema(implementation = State.class)))
    public Uni<State> state() {
        return recovery.check().flatMap(s -> positions.last().flatMap(last -> positions.settled()
                .map(settled -> state(s, last, settled))));
    }

    @POST
    @Path("/rebuild")
    @Operation(operationId = "rebuildReadModelCache", summary = "Rebuild the Redis cache from the index",
            description = "Declares the cache incomplete (every instance reads from the index meanwhile) and rebuilds "
                    + "it from the index: entries are rewritten, entries the index no longer holds are removed, entries "
                    + "written since the rebuild began are kept. Answers at once; follow progress with GET.")
    @APIResponse(responseCode = "202", description = "The rebuild is under way",
            content = @Content(schema = @Schema(implementation = State.class)))
    public Uni<Response> rebuild() {
        recovery.start(true);
        return positions.last().flatMap(last -> positions.settled().map(settled -> Response.accepted(
                state(recovery.state(), last, settled)).build()));
    }

    private State state(CacheRecovery.State s, long last, long settled) {
        CacheRecovery.RebuildReport r = recovery.lastRebuild();
        return new State(s.name().toLowerCase(Locale.ROOT), last, settled, r == null ? null : r.finishedAt(),
                r == null ? null : r.entriesWritten(), r == null ? null : r.entriesRemoved());
    }
}
