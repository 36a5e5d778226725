package cn.xinyong.openapi.platform.search;

import cn.xinyong.openapi.platform.paging.CursorCodec;
import cn.xinyong.openapi.platform.problem.ApiProblem;
import cn.xinyong.openapi.platform.problem.ProblemType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Cursor-paged reads of a filtered, sorted index: asks for one hit more than the page to know whether
 * a next page exists, and continues with {@code search_after} from a signed cursor. The sort must end
 * on a unique field so pages never overlap or skip.
 */
@ApplicationScoped
public class SearchPages {

    /** One page of hit sources, the cursor of the next page (null on the last) and the total. */
    public record Page(List<JsonNode> sources, String nextCursor, long total, boolean totalExact) {
    }

    private final SearchGateway gateway;
    private final IndexManager indices;
    private final CursorCodec cursors;

    SearchPages(SearchGateway gateway, IndexManager indices, CursorCodec cursors) {
        this.gateway = gateway;
        this.indices = indices;
        this.cursors = cursors;
    }

    /**
     * @param query       the {@code query} clause
     * @param sort        the {@code sort} array, ending on a unique field
     * @param fingerprint identifies the query and filters, binding cursors to them
     */
    public Uni<Page> page(String index, ObjectNode query, ArrayNode sort, String fingerprint, int limit, String cursor) {
        if (!indices.ready()) {
            return Uni.createFrom().failure(new ApiProblem(ProblemType.UNAVAILABLE, "The search index is not ready yet"));
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("size", limit + 1);
        body.put("track_total_hits", 10_000);
        body.set("query", query);
        body.set("sort", sort);
        if (cursor != null) {
            body.set("search_after", cursors.decode(cursor, fingerprint));
        }
        return gateway.search(index, body).map(response -> {
            JsonNode hits = response.path("hits").path("hits");
            List<JsonNode> sources = new ArrayList<>();
            for (int i = 0; i < Math.min(limit, hits.size()); i++) {
                sources.add(hits.get(i).path("_source"));
            }
            String next = hits.size() > limit ? cursors.encode(fingerprint, (ArrayNode) hits.get(limit - 1).path("sort")) : null;
            JsonNode total = response.path("hits").path("total");
            return new Page(sources, next, total.path("value").asLong(), "eq".equals(total.path("relation").asText()));
        });
    }
}
