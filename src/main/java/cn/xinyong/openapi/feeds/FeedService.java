package cn.xinyong.openapi.feeds;

import cn.xinyong.openapi.disclosure.DisclosureService;
import cn.xinyong.openapi.disclosure.PublicQueries;
import cn.xinyong.openapi.lists.ListService;
import cn.xinyong.openapi.platform.Dataset;
import cn.xinyong.openapi.platform.TimeSource;
import cn.xinyong.openapi.platform.paging.CursorCodec;
import cn.xinyong.openapi.platform.search.IndexManager;
import cn.xinyong.openapi.platform.search.SearchGateway;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The change feed (every change in the order of its feed position, upserts and withdrawals) and the
 * export (every public record, streamed page by page in constant memory).
 */
@ApplicationScoped
public class FeedService {

    @ConfigMapping(prefix = "xinyong.feeds")
    public interface FeedConfig {
        /**
         * Changes younger than this are held back, so a change whose write is still in flight can never
         * be skipped by a consumer that already moved past its position.
         */
        @WithDefault("3s")
        Duration settle();

        /** Records per search page while exporting. */
        @WithDefault("1000")
        int exportPageSize();
    }

    /** A page of changes and the position after the last one. */
    public record Changes(List<FeedViews.Change> items, long lastSeq, boolean more) {
    }

    private final SearchGateway search;
    private final IndexManager indices;
    private final DisclosureService disclosures;
    private final TimeSource time;
    private final ObjectMapper mapper;
    private final FeedConfig config;

    FeedService(SearchGateway search, IndexManager indices, DisclosureService disclosures, TimeSource time,
            ObjectMapper mapper, FeedConfig config) {
        this.search = search;
        this.indices = indices;
        this.disclosures = disclosures;
        this.time = time;
        this.mapper = mapper;
        this.config = config;
    }

    public Uni<Changes> changes(FeedDataset dataset, long since, int limit) {
        LocalDate today = time.today();
        ObjectNode body = mapper.createObjectNode().put("size", limit + 1);
        ObjectNode bool = body.putObject("query").putObject("bool");
        ArrayNode filter = bool.putArray("filter");
        filter.add(PublicQueries.range("seq", "gt", Long.toString(since)));
        body.putArray("sort").addObject().put("seq", "asc");
        java.time.Instant cutoff = time.now().minus(config.settle());
        return search.search(indices.alias(dataset.dataset()), body).map(response -> {
            JsonNode hits = response.path("hits").path("hits");
            List<FeedViews.Change> items = new ArrayList<>();
            long last = since;
            boolean held = false;
            for (int i = 0; i < Math.min(limit, hits.size()); i++) {
                JsonNode s = hits.get(i).path("_source");
                // Stop at the first change younger than the settle window: a change with a lower position
                // may still be in flight, and the position must never move past it.
                if (!s.path("updatedAt").isTextual() || java.time.Instant.parse(s.path("updatedAt").asText()).isAfter(cutoff)) {
                    held = true;
                    break;
                }
                items.add(change(dataset, s, today));
                last = s.path("seq").asLong();
            }
            return new Changes(items, last, !held && hits.size() > limit);
        });
    }

    /** Every public record of the dataset, as NDJSON-ready views, fetched a page at a time on demand. */
    public Multi<JsonNode> export(FeedDataset dataset) {
        LocalDate today = time.today();
        AtomicReference<ArrayNode> after = new AtomicReference<>();
        ObjectNode query = PublicQueries.publicBool(dataset.dataset(), today);
        return Multi.createBy().repeating()
                .uni(() -> {
                    ObjectNode body = mapper.createObjectNode().put("size", config.exportPageSize());
                    body.set("query", query);
                    body.putArray("sort").addObject().put(dataset.dataset() == Dataset.ENTITY ? "uscc" : "id", "asc");
                    if (after.get() != null) {
                        body.set("search_after", after.get());
                    }
                    return search.search(indices.alias(dataset.dataset()), body).map(r -> {
                        JsonNode hits = r.path("hits").path("hits");
                        if (hits.size() > 0) {
                            after.set((ArrayNode) hits.get(hits.size() - 1).path("sort"));
                        }
                        return hits;
                    });
                })
                .whilst(hits -> hits.size() == config.exportPageSize())
                .onItem().transformToIterable(hits -> {
                    List<JsonNode> views = new ArrayList<>(hits.size());
                    hits.forEach(h -> views.add(view(dataset, h.path("_source"), today)));
                    return views;
                });
    }

    FeedViews.Change change(FeedDataset dataset, JsonNode s, LocalDate today) {
        String id = dataset.dataset() == Dataset.ENTITY ? s.path("uscc").asText() : s.path("id").asText();
        String reason = withdrawal(dataset, s, today);
        return reason != null ? new FeedViews.Change("withdraw", id, reason, null)
                : new FeedViews.Change("upsert", id, null, view(dataset, s, today));
    }

    /** Why the record is not public today, or null when it is. */
    static String withdrawal(FeedDataset dataset, JsonNode s, LocalDate today) {
        if (s.path("withdrawn").asBoolean()) {
            return s.path("withdrawnReason").asText("withdrawn");
        }
        if (dataset.dataset() == Dataset.PENALTY) {
            if ("simple".equals(s.path("severity").asText())) {
                return "notPublic";
            }
            if (s.path("expired").asBoolean() || !s.path("publicationEnd").isTextual()
                    || LocalDate.parse(s.path("publicationEnd").asText()).isBefore(today)) {
                return "publicationExpired";
            }
        }
        return null;
    }

    /** The public view of a search document: the same JSON the query endpoints return. */
    JsonNode view(FeedDataset dataset, JsonNode s, LocalDate today) {
        if (dataset.disclosure() != null) {
            return mapper.valueToTree(disclosures.view(dataset.disclosure(), s));
        }
        if (dataset.dataset() == Dataset.LIST_ENTRY) {
            return mapper.valueToTree(ListService.entryOf(s, today));
        }
        ObjectNode entity = mapper.createObjectNode();
        for (String column : dataset.columns()) {
            if (s.hasNonNull(column)) {
                entity.set(column, s.get(column));
            }
        }
        if (s.has("creditGradeDetail")) {
            entity.set("creditGradeDetail", s.get("creditGradeDetail"));
        }
        return entity;
    }
}
