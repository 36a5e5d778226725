package cn.xinyong.openapi.readmodel;

import cn.xinyong.openapi.platform.TimeSource;
import cn.xinyong.openapi.platform.jobs.ExclusiveJobs;
import cn.xinyong.openapi.platform.search.SearchGateway;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Penalties leave public view on the day after their publication end date with no event from the
 * platform. Queries apply that by date already; this job gives each such penalty a new change-feed
 * position marked {@code expired}, so mirrors following the feed are told to withdraw it too.
 *
 * <p>Every instance schedules it; one of them runs it at a time ({@link ExclusiveJobs}, job
 * {@value #JOB}), so a penalty is marked once, with one new position.
 */
@ApplicationScoped
public class PublicationExpiry {

    /** The job's name in the lease table. */
    public static final String JOB = "publication-expiry";
    /** Renewed every third of it while a run lasts. */
    private static final Duration LEASE = Duration.ofMinutes(3);
    private static final int BATCH = 500;
    private final SearchGateway search;
    private final IndexManager indices;
    private final FeedPositions positions;
    private final TimeSource time;
    private final ObjectMapper mapper;
    private final ExclusiveJobs jobs;

    PublicationExpiry(SearchGateway search, IndexManager indices, FeedPositions positions, TimeSource time,
            ObjectMapper mapper, ExclusiveJobs jobs) {
        this.jobs = jobs;
        this.search = search;
        this.indices = indices;
        this.positions = positions;
        this.time = time;
        this.mapper = mapper;
    }

    @Scheduled(every = "${xinyong.expiry.every:15m}", delayed = "${xinyong.expiry.first-after:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        if (!indices.ready()) {
            return Uni.createFrom().voidItem();
        }
        return runExclusively().invoke(outcome -> {
            if (!outcome.ran()) {
                Log.debugf("publication expiry left to %s", outcome.heldBy());
            } else if (outcome.result() > 0) {
                Log.infof("marked %d penalties past their publication period as expired", outcome.result());
            }
        }).onFailure().invoke(e -> Log.warnf("publication expiry failed: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /**
     * {@link #run()} if no other instance is running it (else skipped, with the holder of its lease); what the
     * schedule does on every instance.
     */
    public Uni<ExclusiveJobs.Outcome<Integer>> runExclusively() {
        return jobs.runExclusively(JOB, LEASE, lease -> run(lease));
    }

    /** Marks every penalty past its publication end date; returns how many. Not guarded: see {@link #runExclusively()}. */
    public Uni<Integer> run() {
        return run(ExclusiveJobs.Lease.UNGUARDED);
    }

    /**
     * Marks every penalty past its publication end date, a batch at a time while {@code lease} is held: once it is
     * lost, fails with {@link ExclusiveJobs.LeaseLost} before the next batch (another instance may be marking them).
     */
    Uni<Integer> run(ExclusiveJobs.Lease lease) {
        // A loop, not a recursion: each batch's hits are let go once it has landed (a recursive chain kept every
        // page reachable until the last, several hundred MB when a day ends a million entities' penalties).
        return Multi.createBy().repeating().uni(() -> Uni.createFrom().deferred(() -> {
            lease.check();
            return batch();
        })).whilst(n -> n == BATCH).collect().with(java.util.stream.Collectors.summingInt(n -> n));
    }

    private Uni<Integer> batch() {
        ObjectNode body = mapper.createObjectNode().put("size", BATCH).put("version", true);
        body.set("query", PublicationRules.newlyExpiredPenalties(time.today()));
        return search.search(indices.alias(Dataset.PENALTY), body).flatMap(response -> {
            JsonNode hits = response.path("hits").path("hits");
            if (hits.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            return positions.reserve(hits.size()).flatMap(first -> Uni.createFrom().deferred(() -> {
                ByteArrayOutputStream bulk = new ByteArrayOutputStream();
                String now = time.now().toString();
                for (int i = 0; i < hits.size(); i++) {
                    JsonNode hit = hits.get(i);
                    ObjectNode doc = ((ObjectNode) hit.path("_source")).deepCopy();
                    doc.put("expired", true).put("seq", first + i).put("updatedAt", now);
                    ObjectNode action = mapper.createObjectNode();
                    action.putObject("index").put("_index", hit.path("_index").asText()).put("_id", hit.path("_id").asText())
                            .put("version", hit.path("_version").asLong()).put("version_type", "external_gte");
                    bulk.writeBytes((action + "\n" + doc + "\n").getBytes(StandardCharsets.UTF_8));
                }
                return search.bulk(bulk.toByteArray(), true).map(r -> hits.size());
            }).onFailure().call(() -> positions.failed(first)).call(() -> positions.landed(first, true)));
        });
    }
}
