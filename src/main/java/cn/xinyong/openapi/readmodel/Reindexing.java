package cn.xinyong.openapi.readmodel;

import cn.xinyong.openapi.platform.TimeSource;
import cn.xinyong.openapi.platform.search.SearchGateway;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A full re-index as the read model sees it: while fresh indices fill, one held position keeps every
 * feed from moving past the load; before the swap, each record the live index has and the new one does
 * not gets a withdrawal in the new index (so mirrors are told it is gone); the cache is declared
 * incomplete, the aliases swap in one request, and the hold is let go.
 */
@ApplicationScoped
public class Reindexing {

    private static final int PAGE = 1000;
    private final FeedPositions positions;
    private final IndexManager indices;
    private final SearchGateway search;
    private final CacheRecovery cache;
    private final TimeSource time;
    private final ObjectMapper mapper;

    Reindexing(FeedPositions positions, IndexManager indices, SearchGateway search, CacheRecovery cache, TimeSource time,
            ObjectMapper mapper) {
        this.positions = positions;
        this.indices = indices;
        this.search = search;
        this.cache = cache;
        this.time = time;
        this.mapper = mapper;
    }

    /** Holds feeds below the load: returns the hold, to renew while loading and to let go at the end. */
    public Uni<Long> hold() {
        return positions.reserve(1);
    }

    public Uni<Void> stillLoading(long hold) {
        return positions.stillWriting(hold);
    }

    /** Lets feeds go again (the load failed, or its indices are live). */
    public Uni<Void> release(long hold) {
        return positions.landed(hold, true);
    }

    /**
     * Gives every record the live alias has and the fresh index lacks a withdrawal (reason {@code corrected})
     * in the fresh index; returns how many.
     */
    public Uni<Long> carryWithdrawals(Map<Dataset, String> fresh) {
        AtomicLong carried = new AtomicLong();
        return Multi.createFrom().iterable(fresh.keySet()).filter(Dataset::isPublic)
                .onItem().transformToUniAndConcatenate(d -> carry(d, fresh.get(d), carried))
                .collect().last().replaceWith(carried::get);
    }

    private Uni<Void> carry(Dataset dataset, String freshIndex, AtomicLong carried) {
        ObjectNode live = mapper.createObjectNode();
        live.putObject("term").put("withdrawn", false);
        return search.scroll(indices.alias(dataset), live, PAGE, hits -> missingFrom(freshIndex, hits)
                .flatMap(missing -> withdraw(dataset, freshIndex, missing)).invoke(carried::addAndGet));
    }

    /** The live documents among {@code hits} that the fresh index does not hold. */
    private Uni<List<JsonNode>> missingFrom(String freshIndex, JsonNode hits) {
        if (hits.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        ObjectNode body = mapper.createObjectNode();
        var docs = body.putArray("docs");
        hits.forEach(h -> docs.addObject().put("_index", freshIndex).put("_id", h.path("_id").asText()).put("_source", false));
        return search.send("POST", "/_mget", body).map(r -> {
            List<JsonNode> missing = new ArrayList<>();
            for (int i = 0; i < hits.size(); i++) {
                if (!r.path("docs").path(i).path("found").asBoolean(false)) {
                    missing.add(hits.get(i));
                }
            }
            return missing;
        });
    }

    private Uni<Long> withdraw(Dataset dataset, String freshIndex, List<JsonNode> missing) {
        if (missing.isEmpty()) {
            return Uni.createFrom().item(0L);
        }
        return positions.reserve(missing.size()).flatMap(first -> Uni.createFrom().deferred(() -> {
            ByteArrayOutputStream bulk = new ByteArrayOutputStream();
            String now = time.now().toString();
            for (int i = 0; i < missing.size(); i++) {
                JsonNode hit = missing.get(i);
                JsonNode live = hit.path("_source");
                ObjectNode doc = mapper.createObjectNode();
                for (String keep : List.of("id", "uscc", "subjectId", "subjectName", "regionCode", "regionPath")) {
                    if (live.has(keep)) {
                        doc.set(keep, live.get(keep));
                    }
                }
                doc.put("version", live.path("version").asLong(1)).put("seq", first + i).put("updatedAt", now)
                        .put("withdrawn", true).put("withdrawnReason", "corrected");
                ObjectNode action = mapper.createObjectNode();
                action.putObject("index").put("_index", freshIndex).put("_id", hit.path("_id").asText())
                        .put("version", live.path("version").asLong(1)).put("version_type", "external");
                bulk.writeBytes((action + "\n" + doc + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return search.bulk(bulk.toByteArray(), false).replaceWith((long) missing.size());
        }).onFailure().call(() -> positions.failed(first)).call(() -> positions.landed(first, false)))
                .invoke(n -> Log.debugf("carried %d withdrawals of %s into %s", n, dataset, freshIndex));
    }

    /** Makes the fresh indices live: the cache is declared incomplete, then every alias swaps at once. */
    public Uni<Void> swap(Map<Dataset, String> fresh) {
        return cache.declareIncomplete().flatMap(x -> indices.swapAliases(fresh));
    }
}
