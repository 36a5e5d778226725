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
import cn.xinyong.openapi.platform.redis.RedisNodes;
import cn.xinyong.openapi.platform.redis.RedisSlots;
import io.vertx.mutiny.redis.client.Response;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Keeps the Redis cache a faithful copy of the index. The cache is complete while its marker exists;
 * Redis restarting empty loses the marker, which every read notices. Then one instance (holding a lock
 * in Redis) rebuilds the cache from the index while reads are answered from the index, and writes the
 * marker at the end, only if it still holds the lock. The same rebuild reconciles the cache after a full
 * re-index: entries the index no longer has are removed, entries written since the rebuild began are
 * kept. A cache write that failed after the index accepted the record also sets off a rebuild.
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
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);
    private static final int SUBJECTS_PER_PAGE = 500;
    private static final int MAX_HITS = 10_000;
    /** KEYS[1] lock; ARGV owner. Deletes the lock if it is still ours. */
    private static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0
            """;
    /** KEYS[1] lock; ARGV owner, ttl ms. Extends the lock if it is still ours; 0 when it was lost. */
    private static final String RENEW = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
            return 0
            """;
    /** KEYS[1] a slot's marker; ARGV "rebuilding:owner". Claims a slot whose marker is absent or another rebuild's. */
    private static final String MARK_REBUILDING = """
            local v = redis.call('GET', KEYS[1])
            if v and string.sub(v, 1, 8) == 'complete' then return 0 end
            redis.call('SET', KEYS[1], ARGV[1])
            return 1
            """;
    /**
     * KEYS[1] a slot's marker; ARGV "rebuilding:owner", "complete:time". Completes a slot this rebuild claimed (or one
     * still complete). A slot whose node restarted during the rebuild lost its claim, and stays incomplete.
     */
    private static final String MARK_COMPLETE = """
            local v = redis.call('GET', KEYS[1])
            if v == ARGV[1] or (v and string.sub(v, 1, 8) == 'complete') then
              redis.call('SET', KEYS[1], ARGV[2])
              return 1
            end
            return 0
            """;

    private final RedisNodes redis;
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
    private final LuaScript renew = new LuaScript(RENEW);
    private final LuaScript markRebuilding = new LuaScript(MARK_REBUILDING);
    private final LuaScript markComplete = new LuaScript(MARK_COMPLETE);
    private final String owner = UUID.randomUUID().toString();
    private final AtomicReference<State> state = new AtomicReference<>(State.UNKNOWN);
    private final AtomicReference<CompletableFuture<RebuildReport>> running = new AtomicReference<>();
    private final AtomicReference<RebuildReport> last = new AtomicReference<>();
    /**
     * Slots whose markers must go: a cache write to them failed after the index took the record, or their master
     * changed (replication is asynchronous, so a promoted replica may lack writes its markers vouch for). Kept until
     * the markers are deleted; their subjects then read from the index until a rebuild completes them.
     */
    private final java.util.Set<Integer> suspectSlots = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** When to try an automatic rebuild again after one failed or ran elsewhere (epoch millis). */
    private final AtomicLong retryAfter = new AtomicLong();

    CacheRecovery(RedisNodes redis, ReadModelKeys keys, SubjectWriter writer, SearchGateway search, IndexManager indices,
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
        redis.onOwnersChanged(slots -> {
            Log.warnf("Redis: %d hash slots changed master; their cache is rebuilt from the index", slots.size());
            suspect(slots);
        });
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
        return check().call(positions::forgetSettled)
                .onFailure().invoke(e -> Log.debugf("read model check failed: %s", e.getMessage()))
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

    /** Looks at the marker and updates the state; sets off a rebuild when the cache is incomplete or dirty. */
    public Uni<State> check() {
        if (!suspectSlots.isEmpty()) {
            return dropSuspects().map(x -> state.get());
        }
        // One marker per master: a node that restarted empty took all of its markers with it.
        return redis.slotPerMaster().flatMap(slots -> redis.batch(slots.stream().map(slot -> {
            String marker = keys.completeMarker(slot);
            return new RedisNodes.Keyed(marker, Request.cmd(Command.GET).arg(marker));
        }).toList())).map(answers -> {
            if (answers.stream().allMatch(CacheRecovery::isComplete)) {
                if (running.get() == null) {
                    state.set(State.COMPLETE);
                }
            } else {
                noticeIncomplete();
            }
            return state.get();
        });
    }

    /** Whether a slot marker's value says the slot's cache is complete. */
    static boolean isComplete(Response marker) {
        return marker != null && marker.toString().startsWith("complete");
    }

    /** Every slot's marker, as script calls with the same arguments. */
    private List<LuaScript.Invocation> everySlot(Object... args) {
        List<LuaScript.Invocation> calls = new ArrayList<>(RedisSlots.COUNT);
        for (int slot = 0; slot < RedisSlots.COUNT; slot++) {
            calls.add(new LuaScript.Invocation(keys.completeMarker(slot), List.of(args)));
        }
        return calls;
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
     * A cache write failed after the index accepted the records: the markers of those subjects' slots go at once (or,
     * when their node cannot be reached, at the next check), so no instance serves the older cached copy as complete.
     */
    public void cacheWriteFailed(Throwable e, java.util.Collection<String> subjectIds) {
        Log.warnf("the Redis cache missed a write the index took (%s); %d subjects read from the index until the "
                + "cache is rebuilt", e.getMessage(), subjectIds.size());
        suspect(subjectIds.stream().map(id -> RedisSlots.of(keys.subject(id))).toList());
    }

    private void suspect(java.util.Collection<Integer> slots) {
        suspectSlots.addAll(slots);
        dropSuspects().subscribe().with(x -> { }, e -> Log.debugf("suspect slots kept for the next check: %s",
                e.getMessage()));
    }

    /** Deletes the suspect slots' markers; then a rebuild completes them again. */
    private Uni<Void> dropSuspects() {
        List<Integer> slots = List.copyOf(suspectSlots);
        if (slots.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return redis.batch(slots.stream().map(slot -> {
            String marker = keys.completeMarker(slot);
            return new RedisNodes.Keyed(marker, Request.cmd(Command.DEL).arg(marker));
        }).toList()).invoke(x -> {
            slots.forEach(suspectSlots::remove);
            state.compareAndSet(State.COMPLETE, State.INCOMPLETE);
            noticeIncomplete();
        }).replaceWithVoid();
    }

    /** Declares the cache incomplete now: every instance reads from the index until a rebuild completes. */
    public Uni<Void> declareIncomplete() {
        List<RedisNodes.Keyed> deletes = new ArrayList<>(RedisSlots.COUNT);
        for (int slot = 0; slot < RedisSlots.COUNT; slot++) {
            String marker = keys.completeMarker(slot);
            deletes.add(new RedisNodes.Keyed(marker, Request.cmd(Command.DEL).arg(marker)));
        }
        return redis.batch(deletes).replaceWithVoid()
                .invoke(() -> state.compareAndSet(State.COMPLETE, State.INCOMPLETE));
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
        Uni<Void> before = dropMarker ? declareIncomplete() : Uni.createFrom().voidItem();
        before.flatMap(x -> rebuild()).subscribe().with(report -> {
            last.set(report);
            if (!"complete".equals(report.outcome())) {
                retryAfter.set(time.now().plus(RETRY_AFTER).toEpochMilli());
            }
            state.set("complete".equals(report.outcome()) ? State.COMPLETE : State.REBUILDING);
            running.set(null);
            mine.complete(report);
        }, failure -> {
            Log.errorf("read model cache rebuild failed: %s", failure.getMessage());
            retryAfter.set(time.now().plus(RETRY_AFTER).toEpochMilli());
            state.set(State.INCOMPLETE);
            running.set(null);
            mine.completeExceptionally(failure);
        });
        return mine;
    }

    private Uni<RebuildReport> rebuild() {
        Instant started = time.now();
        String claim = "rebuilding:" + owner;
        return redis.send(keys.rebuildLock(), Request.cmd(Command.SET).arg(keys.rebuildLock()).arg(owner).arg("NX")
                .arg("PX").arg(LOCK_TTL.toMillis())).flatMap(locked -> {
                    if (locked == null) {
                        Log.info("the read model cache is being rebuilt by another instance");
                        return Uni.createFrom().item(new RebuildReport(started, time.now(), 0, 0, 0, "elsewhere"));
                    }
                    // Every write at or below the floor has landed in both stores and is visible before the
                    // index is read; anything the cache holds above it was reserved after this rebuild began,
                    // and the index holds it or a newer version (whose own write follows): it is kept.
                    return markRebuilding.callAll(redis, everySlot(claim)).flatMap(x -> positions.lastSettled())
                            .flatMap(floor -> {
                        Log.infof("rebuilding the read model cache from the index (positions up to %d)", floor);
                        AtomicLong written = new AtomicLong();
                        AtomicLong removed = new AtomicLong();
                        return copyIndex(floor, written)
                                .flatMap(x -> search.send("POST", "/" + indices.allAliases() + "/_refresh", null))
                                .flatMap(x -> removeAbsent(floor, removed))
                                .call(x -> keepLock())
                                .flatMap(x -> markComplete.callAll(redis, everySlot(claim, "complete:" + time.now())))
                                .map(marked -> {
                                    long lost = marked.stream().filter(m -> m == null || m.toInteger() != 1).count();
                                    if (lost > 0) {
                                        throw new IllegalStateException(lost + " hash slots lost their rebuild claim "
                                                + "(did a Redis node restart?)");
                                    }
                                    return new RebuildReport(started, time.now(), floor, written.get(), removed.get(),
                                            "complete");
                                })
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
        return search.scroll(indices.alias(dataset), null, config.rebuildPageSize(), hits -> {
            List<StoredForm.Entry> entries = new ArrayList<>(hits.size());
            hits.forEach(h -> entries.add(form.entry(dataset, h.path("_source"))));
            return writer.rebuild(entries, floor)
                    .invoke(applied -> written.addAndGet(applied.stream().filter(b -> b).count()))
                    .call(x -> keepLock());
        });
    }

    /** Pass 2: walks the cache's subjects and removes the entries the index does not hold. */
    private Uni<Void> removeAbsent(long floor, AtomicLong removed) {
        AtomicReference<String> cursor = new AtomicReference<>("0");
        return Multi.createBy().repeating().uni(() -> writer.scanSubjects(cursor.get(), SUBJECTS_PER_PAGE).flatMap(page -> {
            cursor.set(page.cursor());
            return presentFields(page.subjectIds())
                    .flatMap(present -> writer.removeAbsent(page.subjectIds(),
                            page.subjectIds().stream().map(id -> present.getOrDefault(id, List.of())).toList(), floor))
                    .invoke(removed::addAndGet)
                    .call(x -> keepLock())
                    .replaceWith(page.cursor());
        })).until("0"::equals).collect().last().replaceWithVoid();
    }

    /** The Redis fields the index holds for each subject (split into smaller queries when there are many). */
    private Uni<Map<String, List<String>>> presentFields(List<String> subjectIds) {
        if (subjectIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        // Ids only: the Redis field follows from the index and the document id, the subject from the routing
        // field kept as doc values; no source is read or sent.
        ObjectNode body = mapper.createObjectNode().put("size", MAX_HITS).put("track_total_hits", true)
                .put("_source", false);
        body.putArray("docvalue_fields").add("subjectId").add("uscc");
        body.set("query", SubjectStore.subjectsQuery(mapper, subjectIds));
        return search.search(indices.allAliases(), body).flatMap(r -> {
            if (r.path("hits").path("total").path("value").asLong() > r.path("hits").path("hits").size()) {
                if (subjectIds.size() == 1) {
                    return Uni.createFrom().failure(new IllegalStateException("subject " + subjectIds.get(0)
                            + " has more than " + MAX_HITS + " records"));
                }
                int half = subjectIds.size() / 2;
                return presentFields(subjectIds.subList(0, half)).flatMap(a -> presentFields(
                        subjectIds.subList(half, subjectIds.size())).map(b -> {
                            Map<String, List<String>> both = new HashMap<>(a);
                            both.putAll(b);
                            return both;
                        }));
            }
            Map<String, List<String>> present = new HashMap<>();
            for (JsonNode hit : r.path("hits").path("hits")) {
                JsonNode fields = hit.path("fields");
                String subject = fields.path("subjectId").path(0).asText(fields.path("uscc").path(0).asText(null));
                indices.datasetOf(hit.path("_index").asText()).ifPresent(d -> present
                        .computeIfAbsent(subject, k -> new ArrayList<>())
                        .add(d == Dataset.ENTITY ? d.field(null) : d.field(hit.path("_id").asText())));
            }
            return Uni.createFrom().item(present);
        });
    }

    /** Extends the rebuild lock; fails the rebuild when it is no longer ours (Redis restarted meanwhile). */
    private Uni<Void> keepLock() {
        return renew.call(redis, keys.rebuildLock(), owner, LOCK_TTL.toMillis()).map(r -> {
            if (r == null || r.toInteger() != 1) {
                throw new IllegalStateException("lost the rebuild lock (did Redis restart?)");
            }
            return null;
        }).replaceWithVoid();
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
                RebuildReport r = start(false).get(Duration.between(time.now(), deadline).toMillis(), TimeUnit.MILLISECONDS);
                if ("complete".equals(r.outcome()) && !r.startedAt().isBefore(asked)) {
                    return r;
                }
                if ("elsewhere".equals(r.outcome())) {
                    Log.info("waiting for the rebuild on another instance to end");
                    LockSupport.parkNanos(RETRY_AFTER.toNanos());
                }
            }
            throw new IllegalStateException("the cache rebuild did not finish within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the cache rebuild did not finish: " + e.getMessage(), e);
        }
    }
}
