package cn.xinyong.openapi.readmodel;

import cn.xinyong.openapi.platform.CallerContext;
import cn.xinyong.openapi.platform.problem.BackendUnavailableException;
import cn.xinyong.openapi.platform.search.SearchGateway;
import cn.xinyong.openapi.platform.text.Instants;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import cn.xinyong.openapi.platform.redis.RedisNodes;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads subject documents. Normally from the Redis cache, one pipelined round trip (per cluster master) that
 * also reads the completeness marker of each subject's slot; when a marker is missing (a node restarted empty,
 * or a rebuild is running) the same documents come from the index and the cache rebuild is set off. An unknown
 * subject is therefore never reported from an incomplete cache. When Redis cannot answer (a master failing
 * over, a restart) the documents come from the index too: slower, but the same answer.
 */
@ApplicationScoped
public class SubjectStore {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final int MAX_INDEX_HITS = 10_000;
    private final RedisNodes redis;
    private final ReadModelKeys keys;
    private final StoredForm form;
    private final ObjectMapper lenient;
    private final StoredEntryReader entries;
    private final SearchGateway search;
    private final IndexManager indices;
    private final CacheRecovery recovery;
    private final Counter redisFallbacks;

    SubjectStore(RedisNodes redis, ReadModelKeys keys, ObjectMapper mapper, SearchGateway search, IndexManager indices,
            CacheRecovery recovery, MeterRegistry meters) {
        this.redis = redis;
        this.keys = keys;
        this.form = new StoredForm(mapper);
        this.lenient = mapper.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        this.entries = new StoredEntryReader(mapper);
        this.search = search;
        this.indices = indices;
        this.recovery = recovery;
        this.redisFallbacks = Counter.builder("xinyong.readmodel.redis.fallbacks")
                .description("Subject reads answered from the index because Redis could not answer").register(meters);
    }

    /** The subject's document; empty when the read model holds nothing about it. */
    public Uni<SubjectDocument> subject(String subjectId) {
        return subjects(List.of(subjectId)).map(list -> list.get(0));
    }

    /** Several subjects in one round trip, in the order asked. */
    public Uni<List<SubjectDocument>> subjects(List<String> subjectIds) {
        if (subjectIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Map<String, Integer> markers = new LinkedHashMap<>();
        List<RedisNodes.Keyed> requests = new ArrayList<>(subjectIds.size() * 2);
        int[] subjectAt = new int[subjectIds.size()];
        for (int i = 0; i < subjectIds.size(); i++) {
            String marker = keys.completeMarkerFor(subjectIds.get(i));
            if (!markers.containsKey(marker)) {
                markers.put(marker, requests.size());
                requests.add(new RedisNodes.Keyed(marker, Request.cmd(Command.GET).arg(marker)));
            }
            String key = keys.subject(subjectIds.get(i));
            subjectAt[i] = requests.size();
            requests.add(new RedisNodes.Keyed(key, Request.cmd(Command.HGETALL).arg(key)));
        }
        Uni<Optional<List<Response>>> cached = guarded(redis.batch(requests)).map(Optional::of)
                .onFailure(e -> e instanceof BackendUnavailableException && indices.ready()).recoverWithItem(e -> {
                    redisFallbacks.increment();
                    Log.debugf("Redis could not answer (%s): %d subjects read from the index", e.getMessage(),
                            subjectIds.size());
                    return Optional.empty();
                });
        return CallerContext.resume(cached.flatMap(answer -> {
            if (answer.isEmpty()) {
                return fromIndex(subjectIds);
            }
            List<Response> responses = answer.get();
            for (int at : markers.values()) {
                if (!CacheRecovery.isComplete(responses.get(at))) {
                    recovery.noticeIncomplete();
                    return fromIndex(subjectIds);
                }
            }
            List<SubjectDocument> docs = new ArrayList<>(subjectIds.size());
            for (int i = 0; i < subjectIds.size(); i++) {
                docs.add(fromCache(subjectIds.get(i), responses.get(subjectAt[i])));
            }
            return Uni.createFrom().item(docs);
        }));
    }

    private SubjectDocument fromCache(String subjectId, Response hash) {
        Map<String, String> raw = new HashMap<>();
        if (hash != null) {
            for (String k : hash.getKeys()) {
                raw.put(k, hash.get(k).toString());
            }
        }
        Map<Dataset, List<SubjectDocument.Entry<?>>> byDataset = new EnumMap<>(Dataset.class);
        Map<String, String> versions = new HashMap<>();
        String[] representative = new String[1];
        raw.forEach((field, value) -> {
            Dataset dataset = datasetOfField(field);
            if (dataset == null) {
                return;
            }
            StoredForm.Decoded d = StoredForm.decode(value);
            versions.put(field, SubjectDocument.stamp(d.version(), d.position()));
            byDataset.computeIfAbsent(dataset, k -> new ArrayList<>()).add(entry(dataset, d, field, representative));
        });
        return new SubjectDocument(subjectId, byDataset, versions, representative[0]);
    }

    private static Dataset datasetOfField(String field) {
        if ("entity".equals(field)) {
            return Dataset.ENTITY;
        }
        int colon = field.indexOf(':');
        return colon < 0 ? null : Dataset.byFeedName(field.substring(0, colon)).orElse(null);
    }

    /** Decodes one stored entry; an entity's representative link goes to {@code representative[0]}. */
    private SubjectDocument.Entry<?> entry(Dataset dataset, StoredForm.Decoded d, String field, String[] representative) {
        try {
            StoredEntryReader.Read read = entries.read(dataset, d.json());
            StoredEntryReader.Envelope env = read.envelope();
            if (dataset == Dataset.ENTITY && env.representative != null) {
                representative[0] = env.representative;
            }
            String id = env.id != null ? env.id : field;
            Instant updated = env.updatedAt != null ? Instants.parse(env.updatedAt) : null;
            if (read.record() == null) {
                return new SubjectDocument.Entry<>(id, d.version(), d.position(), updated,
                        env.reason != null ? env.reason : "withdrawn", null);
            }
            return new SubjectDocument.Entry<>(id, d.version(), d.position(), updated, null, read.record());
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("corrupt read-model field " + field, e);
        }
    }

    /** The documents from the index: every record of the subjects across every index, in one search. */
    private Uni<List<SubjectDocument>> fromIndex(List<String> subjectIds) {
        if (!indices.ready()) {
            return Uni.createFrom().failure(new BackendUnavailableException("the read model is being rebuilt", null));
        }
        ObjectNode body = lenient.createObjectNode().put("size", MAX_INDEX_HITS).put("track_total_hits", true);
        body.set("query", subjectsQuery(lenient, subjectIds));
        return guardedIndex(search.search(indices.allAliases(), body)).flatMap(response -> {
            JsonNode found = response.path("hits");
            if (found.path("total").path("value").asLong() > found.path("hits").size() && subjectIds.size() > 1) {
                int half = subjectIds.size() / 2;
                return fromIndex(subjectIds.subList(0, half)).flatMap(a -> fromIndex(subjectIds.subList(half,
                        subjectIds.size())).map(b -> {
                            List<SubjectDocument> both = new ArrayList<>(a);
                            both.addAll(b);
                            return both;
                        }));
            }
            return Uni.createFrom().item(documents(subjectIds, found));
        });
    }

    /**
     * Every record of the subjects in any index: by {@code subjectId}, and entities also by {@code uscc}
     * (entity documents indexed before {@code subjectId} was added to them carry only that).
     */
    static ObjectNode subjectsQuery(ObjectMapper mapper, List<String> subjectIds) {
        ObjectNode query = mapper.createObjectNode();
        var should = query.putObject("bool").put("minimum_should_match", 1).putArray("should");
        var bySubject = should.addObject().putObject("terms").putArray("subjectId");
        var byCode = should.addObject().putObject("terms").putArray("uscc");
        subjectIds.forEach(id -> {
            bySubject.add(id);
            byCode.add(id);
        });
        return query;
    }

    private List<SubjectDocument> documents(List<String> subjectIds, JsonNode found) {
        Map<String, Map<Dataset, List<SubjectDocument.Entry<?>>>> bySubject = new LinkedHashMap<>();
        Map<String, Map<String, String>> versions = new HashMap<>();
        Map<String, String[]> representatives = new HashMap<>();
        for (JsonNode hit : found.path("hits")) {
            Dataset dataset = indices.datasetOf(hit.path("_index").asText()).orElse(null);
            if (dataset == null) {
                continue;
            }
            StoredForm.Entry e = form.entry(dataset, hit.path("_source"));
            StoredForm.Decoded d = StoredForm.decode(e.encoded());
            bySubject.computeIfAbsent(e.subjectId(), k -> new EnumMap<>(Dataset.class))
                    .computeIfAbsent(dataset, k -> new ArrayList<>())
                    .add(entry(dataset, d, e.field(), representatives.computeIfAbsent(e.subjectId(), k -> new String[1])));
            versions.computeIfAbsent(e.subjectId(), k -> new HashMap<>()).put(e.field(),
                    SubjectDocument.stamp(d.version(), d.position()));
        }
        List<SubjectDocument> docs = new ArrayList<>(subjectIds.size());
        for (String id : subjectIds) {
            docs.add(new SubjectDocument(id, bySubject.getOrDefault(id, Map.of()), versions.getOrDefault(id, Map.of()),
                    representatives.getOrDefault(id, new String[1])[0]));
        }
        return docs;
    }

    /**
     * The entities each person represents (法定代表人), by the keyed hash of the person's ID: one index query
     * for all of them. Withdrawn entities are left out.
     */
    public Uni<Map<String, List<String>>> representedBy(List<String> representativeHashes) {
        if (representativeHashes.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        ObjectNode body = lenient.createObjectNode().put("size", MAX_INDEX_HITS);
        body.putArray("_source").add("uscc").add(StoredForm.REPRESENTATIVE);
        var bool = body.putObject("query").putObject("bool");
        var terms = bool.putArray("filter").addObject().putObject("terms").putArray(StoredForm.REPRESENTATIVE);
        representativeHashes.forEach(terms::add);
        bool.withArray("filter").addObject().putObject("term").put("withdrawn", false);
        return CallerContext.resume(guardedIndex(search.search(indices.alias(Dataset.ENTITY), body)).map(r -> {
            Map<String, List<String>> out = new HashMap<>();
            for (JsonNode hit : r.path("hits").path("hits")) {
                JsonNode s = hit.path("_source");
                out.computeIfAbsent(s.path(StoredForm.REPRESENTATIVE).asText(), k -> new ArrayList<>())
                        .add(s.path("uscc").asText());
            }
            return out;
        }));
    }

    /** A Redis read bounded in time; any failure becomes {@link BackendUnavailableException} (503). */
    private static <T> Uni<T> guarded(Uni<T> read) {
        return read.ifNoItem().after(TIMEOUT).on(CallerContext.timers())
                .failWith(() -> new BackendUnavailableException("Redis timed out", null))
                .onFailure(e -> !(e instanceof BackendUnavailableException))
                .transform(e -> new BackendUnavailableException("Redis read failed: " + e.getMessage(), e));
    }

    private static <T> Uni<T> guardedIndex(Uni<T> read) {
        return read.onFailure(e -> !(e instanceof BackendUnavailableException))
                .transform(e -> new BackendUnavailableException("the read model is being rebuilt and the index "
                        + "could not answer: " + e.getMessage(), e));
    }
}
