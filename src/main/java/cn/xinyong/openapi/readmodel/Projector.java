package cn.xinyong.openapi.readmodel;

import cn.xinyong.openapi.platform.TimeSource;
import cn.xinyong.openapi.platform.problem.BackendUnavailableException;
import cn.xinyong.openapi.platform.search.SearchGateway;
import cn.xinyong.openapi.platform.security.SubjectHasher;
import cn.xinyong.openapi.readmodel.FeedEvent;
import cn.xinyong.openapi.readmodel.Rejection;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Applies accepted feed events to the read model. The index is written first (external versioning: the
 * same or an older version is refused as stale); the Redis cache is then written with exactly what the
 * index accepted, so a record lands in both stores or in neither. Where the index already holds the
 * same or a newer version, the cache takes the index's copy (guarded by version), which repairs a cache
 * that missed a write and can never regress it.
 */
@ApplicationScoped
public class Projector {

    private final SubjectWriter cache;
    private final SearchGateway search;
    private final IndexManager indices;
    private final FeedPositions positions;
    private final SubjectHasher hasher;
    private final TimeSource time;
    private final ObjectMapper mapper;
    private final StoredForm form;
    private final CacheRecovery cacheRecovery;

    Projector(SubjectWriter cache, SearchGateway search, IndexManager indices, FeedPositions positions,
            SubjectHasher hasher, TimeSource time, ObjectMapper mapper, CacheRecovery cacheRecovery) {
        this.cacheRecovery = cacheRecovery;
        this.cache = cache;
        this.search = search;
        this.indices = indices;
        this.positions = positions;
        this.hasher = hasher;
        this.time = time;
        this.mapper = mapper;
        this.form = new StoredForm(mapper);
    }

    /** What one chunk did: applied (newer), stale (same or older version), failed (with reasons). */
    public record ChunkResult(int applied, int stale, List<Rejection> failed) {
    }

    /**
     * Projects a chunk. {@code targets} maps a dataset to the index to write (the alias when absent; a
     * fresh index during a full re-index, when {@code writeCache} is false and the cache is reconciled
     * after the swap); {@code refresh} makes the writes searchable before returning (and so lets feeds
     * show them at once).
     */
    public Uni<ChunkResult> apply(List<FeedEvent> events, Map<Dataset, String> targets, boolean refresh,
            boolean writeCache) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(new ChunkResult(0, 0, List.of()));
        }
        String now = time.now().toString();
        return positions.reserve(events.size()).flatMap(first -> {
            List<ObjectNode> docs = new ArrayList<>(events.size());
            // Built inside the chain, so whatever fails after the reservation still settles it.
            Uni<JsonNode> indexed = Uni.createFrom().deferred(() -> {
                ByteArrayOutputStream bulk = new ByteArrayOutputStream(events.size() * 512);
                for (int i = 0; i < events.size(); i++) {
                    FeedEvent e = events.get(i);
                    String subject = e.dataset() == Dataset.PERSON_RECORD ? hasher.hash(e.subjectId()) : e.subjectId();
                    String representative = e.record() instanceof cn.xinyong.openapi.readmodel.record.EntityRecord entity
                            && entity.legalRepresentativeId() != null ? hasher.hash(entity.legalRepresentativeId()) : null;
                    ObjectNode doc = form.document(e, subject, first + i, now, representative);
                    docs.add(doc);
                    appendAction(bulk, "index", targets.getOrDefault(e.dataset(), indices.alias(e.dataset())),
                            StoredForm.documentId(e.dataset(), doc), e.version());
                    appendLine(bulk, doc.toString());
                }
                return search.bulk(bulk.toByteArray(), refresh);
            }).onFailure().call(() -> positions.failed(first));
            return indexed.flatMap(response -> afterIndex(events, docs, response.path("items"), targets, writeCache)
                    .onFailure().invoke(e -> cacheRecovery.cacheWriteFailed(e,
                            docs.stream().map(d -> d.path("subjectId").asText()).distinct().toList()))
                    .eventually(() -> positions.landed(first, refresh)));
        });
    }

    private Uni<ChunkResult> afterIndex(List<FeedEvent> events, List<ObjectNode> docs, JsonNode items,
            Map<Dataset, String> targets, boolean writeCache) {
        int applied = 0;
        int stale = 0;
        List<Rejection> failed = new ArrayList<>();
        List<StoredForm.Entry> accepted = new ArrayList<>();
        List<Integer> staleItems = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            JsonNode item = items.path(i).path("index");
            int status = item.path("status").asInt(0);
            if (status == 409) {
                stale++;
                staleItems.add(i);
            } else if (status >= 200 && status < 300) {
                applied++;
                accepted.add(form.entry(events.get(i).dataset(), docs.get(i)));
            } else {
                failed.add(new Rejection(events.get(i).line(), "search index refused the record: "
                        + item.path("error").path("type").asText("unknown") + " "
                        + item.path("error").path("reason").asText("")));
            }
        }
        ChunkResult result = new ChunkResult(applied, stale, failed);
        if (!writeCache) {
            return Uni.createFrom().item(result);
        }
        return currentCopies(events, docs, staleItems, targets)
                .flatMap(repairs -> {
                    List<StoredForm.Entry> writes = new ArrayList<>(accepted);
                    writes.addAll(repairs);
                    // Whatever Redis answered (refused, CLUSTERDOWN, TRYAGAIN, MOVED twice, a full pool), the index
                    // holds the records and the platform's retry repairs the cache: a 503 to retry, never a 500.
                    return cache.apply(writes).onFailure(e -> !(e instanceof BackendUnavailableException))
                            .transform(e -> new BackendUnavailableException("Redis cache did not take a write the "
                                    + "index took: " + e.getMessage(), e));
                })
                .replaceWith(result);
    }

    /** The index's current copies of the records it refused as stale, for the cache to converge on. */
    private Uni<List<StoredForm.Entry>> currentCopies(List<FeedEvent> events, List<ObjectNode> docs,
            List<Integer> staleItems, Map<Dataset, String> targets) {
        if (staleItems.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        ObjectNode body = mapper.createObjectNode();
        var list = body.putArray("docs");
        for (int i : staleItems) {
            Dataset d = events.get(i).dataset();
            list.addObject().put("_index", targets.getOrDefault(d, indices.alias(d)))
                    .put("_id", StoredForm.documentId(d, docs.get(i)));
        }
        return search.send("POST", "/_mget", body).map(r -> {
            List<StoredForm.Entry> out = new ArrayList<>();
            JsonNode found = r.path("docs");
            for (int k = 0; k < staleItems.size(); k++) {
                JsonNode doc = found.path(k);
                if (doc.path("found").asBoolean(false)) {
                    out.add(form.entry(events.get(staleItems.get(k)).dataset(), doc.path("_source")));
                }
            }
            return out;
        });
    }

    private void appendAction(ByteArrayOutputStream out, String action, String index, String id, long version) {
        ObjectNode a = mapper.createObjectNode();
        a.putObject(action).put("_index", index).put("_id", id).put("version", version).put("version_type", "external");
        appendLine(out, a.toString());
    }

    private static void appendLine(ByteArrayOutputStream out, String line) {
        out.writeBytes(line.getBytes(StandardCharsets.UTF_8));
        out.write('\n');
    }
}
