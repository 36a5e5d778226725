package cn.xinyong.openapi.readmodel;

import cn.xinyong.openapi.platform.paging.CursorCodec;
import cn.xinyong.openapi.platform.paging.Page;
import cn.xinyong.openapi.platform.problem.ApiProblem;
import cn.xinyong.openapi.platform.problem.ProblemType;
import cn.xinyong.openapi.platform.search.SearchGateway;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The one pager of the service: every cursor-paged answer (search, list entries, disclosures, feeds,
 * exports) is a filtered, sorted index read that asks for one hit more than the page, continues with
 * {@code search_after} from a signed cursor, and ends its sort on a unique field so pages never overlap
 * or skip.
 */
@ApplicationScoped
public class IndexPager {

    /** What to page: the query, the sort (ending on a unique field), what binds cursors to it, and the page. */
    public record Request(ObjectNode query, ArrayNode sort, String fingerprint, int limit, String cursor,
            List<String> sourceFields, boolean countTotal) {

        public static Request of(ObjectNode query, ArrayNode sort, String fingerprint, int limit, String cursor) {
            return new Request(query, sort, fingerprint, limit, cursor, null, true);
        }

        Request after(String next) {
            return new Request(query, sort, fingerprint, limit, next, sourceFields, countTotal);
        }
    }

    private final SearchGateway gateway;
    private final IndexManager indices;
    private final CursorCodec cursors;

    IndexPager(SearchGateway gateway, IndexManager indices, CursorCodec cursors) {
        this.gateway = gateway;
        this.indices = indices;
        this.cursors = cursors;
    }

    /** One page of the dataset's documents, each turned into a view. */
    public <T> Uni<Page<T>> page(Dataset dataset, Request r, Function<JsonNode, T> view) {
        if (!indices.ready()) {
            return Uni.createFrom().failure(new ApiProblem(ProblemType.UNAVAILABLE, "The search index is not ready yet"));
        }
        return page("/" + indices.alias(dataset) + "/_search", body(r), r, view);
    }

    /**
     * A point in time of the dataset's index: every page read through it sees the index as it was when it was
     * opened, whatever is written meanwhile. Close it with {@link #close(PointInTime)}.
     */
    public record PointInTime(String id) {
    }

    /** Opens a point in time of the dataset's index, kept for {@code keepAlive} after each use. */
    public Uni<PointInTime> open(Dataset dataset) {
        if (!indices.ready()) {
            return Uni.createFrom().failure(new ApiProblem(ProblemType.UNAVAILABLE, "The search index is not ready yet"));
        }
        return gateway.send("POST", "/" + indices.alias(dataset) + "/_search/point_in_time", null,
                java.util.Map.of("keep_alive", KEEP_ALIVE)).map(r -> new PointInTime(r.path("pit_id").asText()));
    }

    /** Releases a point in time; never fails (an unreleased one expires by itself). */
    public Uni<Void> close(PointInTime pit) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.putArray("pit_id").add(pit.id());
        return gateway.send("DELETE", "/_search/point_in_time", body).replaceWithVoid()
                .onFailure().recoverWithNull();
    }

    /**
     * Every document the request matches at the point in time, page after page on demand, in constant memory: while
     * one page is being consumed the next is already asked for (at most two pages are held), so the store's time
     * and the consumer's overlap instead of adding up.
     */
    public <T> Multi<T> all(PointInTime pit, Request first, Function<JsonNode, T> view) {
        AtomicReference<Uni<Page<T>>> ahead = new AtomicReference<>();
        Function<Request, Uni<Page<T>>> fetch = r -> {
            ObjectNode body = body(r);
            body.putObject("pit").put("id", pit.id()).put("keep_alive", KEEP_ALIVE);
            Uni<Page<T>> page = page("/_search", body, r, view).memoize().indefinitely();
            page.subscribe().with(p -> { }, e -> { }); // starts it; whoever takes it sees the same outcome
            return page;
        };
        AtomicReference<Request> request = new AtomicReference<>(first);
        return Multi.createBy().repeating()
                .uni(() -> {
                    Uni<Page<T>> current = ahead.getAndSet(null);
                    return (current != null ? current : fetch.apply(request.get())).invoke(p -> {
                        if (p.next() != null) {
                            request.set(request.get().after(p.next()));
                            ahead.set(fetch.apply(request.get()));
                        }
                    });
                })
                .whilst(p -> p.next() != null)
                .onItem().transformToIterable(Page::items);
    }

    /** How long a point in time lives after each page: a slow reader between two pages is given this long. */
    private static final String KEEP_ALIVE = "5m";

    private ObjectNode body(Request r) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("size", r.limit() + 1);
        if (r.countTotal()) {
            body.put("track_total_hits", 10_000);
        } else {
            body.put("track_total_hits", false);
        }
        if (r.sourceFields() != null) {
            ArrayNode source = body.putArray("_source");
            r.sourceFields().forEach(source::add);
        }
        body.set("query", r.query());
        body.set("sort", r.sort());
        if (r.cursor() != null) {
            body.set("search_after", cursors.decode(r.cursor(), r.fingerprint()));
        }
        return body;
    }

    private <T> Uni<Page<T>> page(String endpoint, ObjectNode body, Request r, Function<JsonNode, T> view) {
        return gateway.send("POST", endpoint, body).map(response -> {
            JsonNode hits = response.path("hits").path("hits");
            int shown = Math.min(r.limit(), hits.size());
            List<T> items = new ArrayList<>(shown);
            for (int i = 0; i < shown; i++) {
                items.add(view.apply(hits.get(i).path("_source")));
            }
            String last = shown == 0 ? r.cursor()
                    : cursors.encode(r.fingerprint(), (ArrayNode) hits.get(shown - 1).path("sort"));
            String next = hits.size() > r.limit() ? last : null;
            JsonNode total = response.path("hits").path("total");
            return new Page<>(items, next, last, total.path("value").asLong(shown),
                    "eq".equals(total.path("relation").asText()));
        });
    }

    /** Every document the request matches, page after page on demand, in constant memory. */
    public <T> Multi<T> all(Dataset dataset, Request first, Function<JsonNode, T> view) {
        AtomicReference<Request> request = new AtomicReference<>(first);
        return Multi.createBy().repeating()
                .uni(() -> page(dataset, request.get(), view).invoke(p -> request.set(request.get().after(p.next()))))
                .whilst(p -> p.next() != null)
                .onItem().transformToIterable(Page::items);
    }
}
