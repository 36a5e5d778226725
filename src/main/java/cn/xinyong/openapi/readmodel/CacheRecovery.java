package cn.xinyong.openapi.readmodel;

import cn.xinyong.openapi.platform.TimeSource;
import cn.xinyong.openapi.platform.redis.LuaScript;
import cn.xinyong.openapi.platform.search.SearchGateway;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Keeps the Redis cache a faithful copy of the index. The cache is complete while its marker exists;
 * Redis restarting empty loses the marker, which every read notices. Then one instance (holding a lock
 * in Redis) rebuilds the cache from the index while reads are answered from the index, and writes the
 * marker at the end. The same rebuild reconciles the cache after a full re-index: entries the index no
 * longer has are removed, entries written since the rebuild began are kept.
 */
@ApplicationScoped
public class CacheRecovery {

    @ConfigMapping(prefix = "xinyong.readmodel")
    public interface RecoveryConfig {
        /** Rebuild the cache on its own when it is found incomplete (else only on command). */
        @WithDefault("true")
        boolean autoRebuild();

        /** How often each instance looks at the cache's marker ("off" to check only on reads and readiness). */
        @WithDefault("5s")
        String checkEvery();

        /** Index documents per page while rebuilding. */
        @WithDefault("1000")
        int rebuildPageSize();
    }

    /** The cache as this instance sees it. */
    public enum State {
        /** Not checked yet. */
        UNKNOWN,
        /** The marker is there: reads come from Redis. */
        COMPLETE,
        /** The marker is missing: reads come from the index until a rebuild completes. */
        INCOMPLETE,
        /** A rebuild is running (here or on another instance): reads come from the index. */
        REBUILDING
    }

    /** What a rebuild did. */
    public record RebuildReport(Instant startedAt, Instant finishedAt, long fromPosition, long entriesWritten,
            long entriesRemoved, String outcome) {
    }

    private static final Duration LOCK_TTL = Duration.ofMinutes(2);
    private static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0
            """;

    private final Redis redis;
    private final ReadModelKeys keys;
    private final SubjectWriter writer;
    private final SearchGateway search;
    private final IndexManager indices;
    private final FeedPositions positions;
    private final TimeSource time;
    private final ObjectMapper mapper;
    private final RecoveryConfig config;
    private final StoredForm form;
    private final LuaScript release = new LuaScript(RELEASE);
    private final String owner = UUID.randomUUID().toString();
    private final AtomicReference<State> state = new AtomicReference<>(State.UNKNOWN);
    private final AtomicReference<CompletableFuture<RebuildReport>> running = new AtomicReference<>();
    private final AtomicReference<RebuildReport> last = new AtomicReference<>();
    /** After finding another instance rebuilding, when to try again (epoch millis). */
    private final AtomicLong retryAfter = new AtomicLong();

    CacheRecovery(Redis redis, ReadModelKeys keys, SubjectWriter writer, SearchGateway search, IndexManager indices,
            FeedPositions positions, TimeSource time, ObjectMapper mapper, RecoveryConfig config) {
        this.redis = redis;
        this.keys = keys;
        this.writer = writer;
        this.search = search;
        this.indices = indices;
        this.positions = positions;
        this.time = time;
        this.mapper = mapper;
        this.config = config;
        this.form = new StoredForm(mapper);
    }

    public State state() {
        return state.get();
    }

    /** The last rebuild this instance finished, or null. */
    public RebuildReport lastRebuild() {
        return last.get();
    }

    void onStart(@Observes @Priority(jakarta.interceptor.Interceptor.Priority.APPLICATION + 500) StartupEvent event) {
        if (!indices.ready()) {
            return;
        }
        try {
            raisePositions().await().atMost(Duration.ofSeconds(30));
            check().await().atMost(Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            Log.warnf("read model check at start failed (%s); checking again shortly", e.getMessage());
        }
    }

    @Scheduled(every = "${xinyong.readmodel.check-every:5s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledCheck() {
        if (!indices.ready()) {
            return Uni.createFrom().voidItem();
        }
        return check().onFailure().invoke(e -> Log.debugf("read model check failed: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Raises the feed counter to the highest position the index holds (it never goes backwards). */
    public Uni<Long> raisePositions() {
        ObjectNode body = mapper.createObjectNode().put("size", 0);
        body.putObject("aggs").putObject("top").putObject("max").put("field", "seq");
        return search.search(indices.allAliases(), body)
                .map(r -> r.path("aggregations").path("top").path("value").asLong(0))
                .flatMap(positions::raiseTo);
    }

    /** Looks at the marker and updates the state; sets off a rebuild when the cache is incomplete. */
    public Uni<State> check() {
        return redis.send(Request.cmd(Command.EXISTS).arg(keys.completeMarker())).map(r -> {
            if (r != null && r.toInteger() == 1) {
                if (running.get() == null) {
                    state.set(State.COMPLETE);
                }
            } else {
                noticeIncomplete();
            }
            return state.get();
        });
    }

    /** Called by readers that found the marker missing. */
    public void noticeIncomplete() {
        if (running.get() == null) {
            state.set(State.INCOMPLETE);
            if (config.autoRebuild() && indices.ready() && time.now().toEpochMilli() >= retryAfter.get()) {
                start(false);
            }
        }
    }

    /**
     * Starts a rebuild unless one is running here; returns its outcome. With {@code dropMarker} the cache
     * is first declared incomplete, so every instance reads from the index until the rebuild ends.
     */
    public CompletableFuture<RebuildReport> start(boolean dropMarker) {
        CompletableFuture<RebuildReport> mine = new CompletableFuture<>();
        CompletableFuture<RebuildReport> existing = running.compareAndExchange(null, mine);
        if (existing != null) {
            return existing;
        }
        state.set(State.REBUILDING);
        Uni<Void> before = dropMarker ? redis.send(Request.cmd(Command.DEL).arg(keys.completeMarker())).replaceWithVoid()
                : Uni.createFrom().voidItem();
        before.flatMap(x -> rebuild()).subscribe().with(report -> {
            last.set(report);
            if ("elsewhere".equals(report.outcome())) {
                retryAfter.set(time.now().plusSeconds(5).toEpochMilli());
            }
            running.set(null);
            state.set("complete".equals(report.outcome()) ? State.COMPLETE : State.REBUILDING);
            mine.complete(report);
        }, failure -> {
            Log.errorf("read model cache rebuild failed: %s", failure.getMessage());
            running.set(null);
            state.set(State.INCOMPLETE);
            mine.completeExceptionally(failure);
        });
        return mine;
    }

    private Uni<RebuildReport> rebuild() {
        Instant started = time.now();
        return redis.send(Request.cmd(Command.SET).arg(keys.rebuildLock()).arg(owner).arg("NX").arg("PX")
                .arg(LOCK_TTL.toMillis())).flatMap(locked -> {
                    if (locked == null) {
                        Log.info("the read model cache is being rebuilt by another instance");
                        return Uni.createFrom().item(new RebuildReport(started, time.now(), 0, 0, 0, "elsewhere"));
                    }
                    // Every write at or below the settled position has landed in both stores; anything the
                    // cache holds above it was written after this rebuild began and is kept.
                    return positions.settled().flatMap(floor -> {
                        Log.infof("rebuilding the read model cache from the index (positions up to %d)", floor);
                        AtomicLong written = new AtomicLong();
                        AtomicLong removed = new AtomicLong();
                        return copyIndex(floor, written)
                                .flatMap(x -> removeAbsent(floor, removed))
                                .flatMap(x -> redis.send(Request.cmd(Command.SET).arg(keys.completeMarker())
                                        .arg(time.now().toString())))
                                .map(x -> new RebuildReport(started, time.now(), floor, written.get(), removed.get(),
                                        "complete"))
                                .invoke(r -> Log.infof("read model cache rebuilt: %d entries written, %d removed in %d ms",
                                        r.entriesWritten(), r.entriesRemoved(),
                                        Duration.between(r.startedAt(), r.finishedAt()).toMillis()));
                    }).eventually(() -> release.call(redis, keys.rebuildLock(), owner).onFailure().recoverWithNull());
                });
    }

    /** Pass 1: every document of every index into the cache (the index wins over entries older than the floor). */
    private Uni<Void> copyIndex(long floor, AtomicLong written) {
        return Multi.createFrom().iterable(Dataset.indexed())
                .onItem().transformToUniAndConcatenate(d -> copyDataset(d, floor, written))
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> copyDataset(Dataset dataset, long floor, AtomicLong written) {
        AtomicReference<String> scrollId = new AtomicReference<>();
        ObjectNode first = mapper.createObjectNode().put("size", config.rebuildPageSize());
        first.putArray("sort").add("_doc");
        return Multi.createBy().repeating().uni(() -> {
            Uni<JsonNode> page = scrollId.get() == null
                    ? search.send("POST", "/" + indices.alias(dataset) + "/_search", first, Map.of("scroll", "2m"))
                    : search.send("POST", "/_search/scroll", mapper.createObjectNode().put("scroll", "2m")
                            .put("scroll_id", scrollId.get()));
            return page.flatMap(r -> {
                scrollId.set(r.path("_scroll_id").asText(null));
                JsonNode hits = r.path("hits").path("hits");
                List<StoredForm.Entry> entries = new ArrayList<>(hits.size());
                hits.forEach(h -> entries.add(form.entry(dataset, h.path("_source"))));
                return writer.rebuild(entries, floor)
                        .invoke(applied -> written.addAndGet(applied.stream().filter(b -> b).count()))
                        .call(x -> renewLock())
                        .replaceWith(hits.size());
            });
        }).until(n -> n < config.rebuildPageSize()).collect().last()
                .eventually(() -> scrollId.get() == null ? Uni.createFrom().voidItem()
                        : search.send("DELETE", "/_search/scroll", mapper.createObjectNode().put("scroll_id", scrollId.get()))
                                .onFailure().recoverWithNull().replaceWithVoid())
                .replaceWithVoid();
    }

    /** Pass 2: walks the cache's subjects and removes the entries the index does not hold. */
    private Uni<Void> removeAbsent(long floor, AtomicLong removed) {
        AtomicReference<String> cursor = new AtomicReference<>("0");
        return Multi.createBy().repeating().uni(() -> writer.scanSubjects(cursor.get(), 200).flatMap(page -> {
            cursor.set(page.cursor());
            return presentFields(page.subjectIds())
                    .flatMap(present -> writer.removeAbsent(page.subjectIds(),
                            page.subjectIds().stream().map(id -> present.getOrDefault(id, List.of())).toList(), floor))
                    .invoke(removed::addAndGet)
                    .replaceWith(page.cursor());
        })).until("0"::equals).collect().last().replaceWithVoid();
    }

    /** The Redis fields the index holds for each subject. */
    private Uni<Map<String, List<String>>> presentFields(List<String> subjectIds) {
        if (subjectIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        ObjectNode body = mapper.createObjectNode().put("size", 10_000);
        body.putArray("_source").add("id").add("subjectId").add("uscc");
        var terms = body.putObject("query").putObject("terms").putArray("subjectId");
        subjectIds.forEach(terms::add);
        return search.search(indices.allAliases(), body).map(r -> {
            if (r.path("hits").path("total").path("value").asLong() >= 10_000) {
                throw new IllegalStateException("too many records for one reconcile page");
            }
            Map<String, List<String>> present = new HashMap<>();
            for (JsonNode hit : r.path("hits").path("hits")) {
                indices.datasetOf(hit.path("_index").asText()).ifPresent(d -> present
                        .computeIfAbsent(StoredForm.subjectOf(d, hit.path("_source")), k -> new ArrayList<>())
                        .add(d.field(hit.path("_source").path("id").asText())));
            }
            return present;
        });
    }

    private Uni<Void> renewLock() {
        return redis.send(Request.cmd(Command.PEXPIRE).arg(keys.rebuildLock()).arg(LOCK_TTL.toMillis())).replaceWithVoid();
    }

    /**
     * Runs a rebuild that begins now and waits for it (the loader's reconcile after a re-index): a rebuild
     * already under way began too early to see the new indices, and one on another instance is waited out.
     */
    public RebuildReport rebuildAndWait(Duration timeout) {
        Instant asked = time.now();
        Instant deadline = asked.plus(timeout);
        try {
            while (time.now().isBefore(deadline)) {
                RebuildReport r = start(false).get(Duration.between(time.now(), deadline).toMillis(),
                        java.util.concurrent.TimeUnit.MILLISECONDS);
                if ("complete".equals(r.outcome()) && !r.startedAt().isBefore(asked)) {
                    return r;
                }
                if ("elsewhere".equals(r.outcome())) {
                    Log.info("waiting for the rebuild on another instance to end");
                    java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofSeconds(2).toNanos());
                }
            }
            throw new IllegalStateException("the cache rebuild did not finish within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the cache rebuild did not finish: " + e.getMessage(), e);
        }
    }

}
