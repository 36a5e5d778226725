package cn.xinyong.openapi.ingest.projection;

import cn.xinyong.openapi.ingest.feed.EntityRecord;
import cn.xinyong.openapi.ingest.feed.FeedEvent;
import cn.xinyong.openapi.ingest.feed.Rejection;
import cn.xinyong.openapi.platform.Dataset;
import cn.xinyong.openapi.platform.redis.ReadModelKeys;
import cn.xinyong.openapi.platform.search.IndexManager;
import cn.xinyong.openapi.platform.search.SearchGateway;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies accepted feed events to the read model: the subject's Redis hash (hot lookups, rule facts)
 * and the dataset's search index (search, feeds). Both writes are version-guarded, so applying the
 * same events again changes nothing and an older version never overwrites a newer one.
 */
@ApplicationScoped
public class Projector {

    /** Long free-text fields that the search documents keep but the hot Redis summary leaves out. */
    private static final Set<String> NOT_IN_SUMMARY = Set.of("subjectId", "subjectName", "facts", "content",
            "legalBasis", "documentName", "certificateName", "certificateNumber", "dataSource", "matter");

    private final RedisProjection redis;
    private final SearchGateway search;
    private final IndexManager indices;
    private final ReadModelKeys keys;
    private final ObjectMapper mapper;
    private final cn.xinyong.openapi.platform.security.SubjectHasher hasher;

    Projector(RedisProjection redis, SearchGateway search, IndexManager indices, ReadModelKeys keys,
            ObjectMapper mapper, cn.xinyong.openapi.platform.security.SubjectHasher hasher) {
        this.hasher = hasher;
        this.redis = redis;
        this.search = search;
        this.indices = indices;
        this.keys = keys;
        this.mapper = mapper;
    }

    /** What one chunk did: applied (newer), stale (same or older version), failed (with reasons). */
    public record ChunkResult(int applied, int stale, List<Rejection> failed) {
    }

    /**
     * Projects a chunk. {@code targets} maps a dataset to the index to write (an alias normally, a
     * fresh index during a rebuild); {@code refresh} makes the writes searchable before returning.
     */
    public Uni<ChunkResult> apply(List<FeedEvent> events, Map<Dataset, String> targets, boolean refresh) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(new ChunkResult(0, 0, List.of()));
        }
        String now = Instant.now().toString();
        return redis.reserveSequence(events.size()).flatMap(firstSeq -> {
            List<RedisProjection.Write> writes = new ArrayList<>(events.size());
            ByteArrayOutputStream bulk = new ByteArrayOutputStream(events.size() * 512);
            int[] bulkItem = new int[events.size()];
            int indexed = 0;
            for (int i = 0; i < events.size(); i++) {
                FeedEvent e = events.get(i);
                if (e.dataset() == Dataset.PERSON_RECORD) {
                    // Personal records: keyed by the hash of the ID, stored without it, never indexed.
                    writes.add(new RedisProjection.Write(keys.subject(hasher.hash(e.subjectId())),
                            ReadModelKeys.field(e.dataset(), e.id()), e.version(), personSummary(e, now)));
                    bulkItem[i] = -1;
                    continue;
                }
                ObjectNode doc = document(e, firstSeq + i, now);
                writes.add(new RedisProjection.Write(keys.subject(e.subjectId()), ReadModelKeys.field(e.dataset(), e.id()),
                        e.version(), summary(e, doc, now)));
                appendBulk(bulk, targets.getOrDefault(e.dataset(), indices.alias(e.dataset())), e, doc);
                bulkItem[i] = indexed++;
            }
            Uni<List<Boolean>> redisDone = redis.apply(writes);
            Uni<JsonNode> searchDone = indexed == 0 ? Uni.createFrom().item(mapper.createObjectNode())
                    : search.bulk(bulk.toByteArray(), refresh);
            return Uni.combine().all().unis(redisDone, searchDone).asTuple()
                    .call(() -> redis.markChanged(now))
                    .map(t -> result(events, t.getItem1(), t.getItem2(), bulkItem));
        });
    }

    private String personSummary(FeedEvent e, String now) {
        ObjectNode summary;
        if (e.op() == FeedEvent.Operation.WITHDRAW) {
            summary = mapper.createObjectNode().put("withdrawn", true).put("reason", e.reason());
        } else {
            summary = mapper.valueToTree(((cn.xinyong.openapi.ingest.feed.PersonRecord) e.record()).withoutId());
            summary.remove("residentId");
        }
        summary.put("id", e.id());
        summary.put("updatedAt", now);
        return summary.toString();
    }

    private ChunkResult result(List<FeedEvent> events, List<Boolean> redisApplied, JsonNode bulkResponse, int[] bulkItem) {
        int applied = 0;
        int stale = 0;
        List<Rejection> failed = new ArrayList<>();
        JsonNode items = bulkResponse.path("items");
        for (int i = 0; i < events.size(); i++) {
            if (bulkItem[i] < 0) {
                if (redisApplied.get(i)) {
                    applied++;
                } else {
                    stale++;
                }
                continue;
            }
            JsonNode item = items.path(bulkItem[i]).path("index");
            int status = item.path("status").asInt(0);
            boolean searchStale = status == 409;
            if (status >= 300 && !searchStale) {
                failed.add(new Rejection(events.get(i).line(), "search index refused the record: "
                        + item.path("error").path("type").asText("unknown") + " "
                        + item.path("error").path("reason").asText("")));
            } else if (redisApplied.get(i) || !searchStale) {
                applied++;
            } else {
                stale++;
            }
        }
        return new ChunkResult(applied, stale, failed);
    }

    /** Makes everything written so far to the targets (or the aliases) visible to searches. */
    public Uni<Void> refresh(Map<Dataset, String> targets) {
        String names = targets.isEmpty()
                ? Dataset.searchables().stream().map(indices::alias).collect(java.util.stream.Collectors.joining(","))
                : String.join(",", targets.values());
        return search.send("POST", "/" + names + "/_refresh", null).replaceWithVoid();
    }

    /** The search document: the record as sent, plus version, change position and publication state. */
    private ObjectNode document(FeedEvent e, long seq, String now) {
        ObjectNode doc = e.record() == null ? mapper.createObjectNode() : mapper.valueToTree(e.record());
        doc.put("id", e.id());
        doc.put("version", e.version());
        doc.put("seq", seq);
        doc.put("updatedAt", now);
        if (e.dataset() != Dataset.ENTITY) {
            doc.put("subjectId", e.subjectId());
        }
        String region = e.record() instanceof EntityRecord entity ? entity.regionCode() : e.subjectId().substring(2, 8);
        doc.put("regionCode", region);
        doc.putArray("regionPath").add(region.substring(0, 2)).add(region.substring(0, 4)).add(region);
        if (e.record() instanceof EntityRecord entity && entity.creditGrade() != null) {
            doc.set("creditGradeDetail", doc.get("creditGrade"));
            doc.put("creditGrade", entity.creditGrade().grade());
        }
        doc.put("withdrawn", e.op() == FeedEvent.Operation.WITHDRAW);
        if (e.op() == FeedEvent.Operation.WITHDRAW) {
            doc.put("withdrawnReason", e.reason());
            if (e.dataset() == Dataset.ENTITY) {
                doc.put("uscc", e.subjectId());
            }
        }
        return doc;
    }

    private String summary(FeedEvent e, ObjectNode doc, String now) {
        ObjectNode summary;
        if (e.op() == FeedEvent.Operation.WITHDRAW) {
            summary = mapper.createObjectNode().put("withdrawn", true).put("reason", e.reason());
        } else if (e.dataset() == Dataset.ENTITY) {
            summary = mapper.valueToTree(e.record());
        } else {
            summary = mapper.valueToTree(e.record());
            summary.remove(NOT_IN_SUMMARY);
        }
        summary.put("id", e.id());
        summary.put("seq", doc.get("seq").asLong());
        summary.put("updatedAt", now);
        return summary.toString();
    }

    private void appendBulk(ByteArrayOutputStream out, String index, FeedEvent e, ObjectNode doc) {
        String id = e.dataset() == Dataset.ENTITY ? e.subjectId() : e.id();
        ObjectNode action = mapper.createObjectNode();
        action.putObject("index").put("_index", index).put("_id", id).put("version", e.version())
                .put("version_type", "external");
        try {
            out.write(mapper.writeValueAsBytes(action));
            out.write('\n');
            out.write(mapper.writeValueAsBytes(doc));
            out.write('\n');
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
