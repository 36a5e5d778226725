package cn.xinyong.openapi.entity;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Pure builders of entity search requests (tested without a cluster). */
public final class EntityQueries {

    static final String[] SUMMARY_FIELDS = {"uscc", "name", "kind", "status", "regionCode", "creditGrade",
        "registeredOn"};
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private EntityQueries() {
    }

    /** What a search asks for; {@code uscc} set means the text was a valid code. */
    public record Criteria(String text, String uscc, String region, String kind, String status) {
    }

    /**
     * Name search by relevance: Chinese bigrams must mostly match (partial names work), an exact name
     * or the whole phrase scores higher; ties break on the USCC so paging is stable.
     */
    public static ObjectNode search(Criteria c, int size, ArrayNode searchAfter) {
        ObjectNode body = JSON.objectNode();
        body.put("size", size);
        body.put("track_total_hits", 10_000);
        ArrayNode source = body.putArray("_source");
        for (String f : SUMMARY_FIELDS) {
            source.add(f);
        }
        body.set("query", query(c));
        body.set("sort", sort());
        if (searchAfter != null) {
            body.set("search_after", searchAfter);
        }
        return body;
    }

    /** The query of a search. */
    public static ObjectNode query(Criteria c) {
        ObjectNode query = JSON.objectNode();
        ObjectNode bool = query.putObject("bool");
        if (c.uscc() != null) {
            bool.putArray("must").addObject().putObject("term").put("uscc", c.uscc());
        } else {
            bool.putArray("must").addObject().putObject("match").putObject("name")
                    .put("query", c.text()).put("minimum_should_match", "75%");
            ArrayNode should = bool.putArray("should");
            should.addObject().putObject("term").putObject("name.exact").put("value", c.text()).put("boost", 10);
            should.addObject().putObject("match_phrase").putObject("name").put("query", c.text()).put("boost", 3);
        }
        ArrayNode filter = bool.putArray("filter");
        filter.addObject().putObject("term").put("withdrawn", false);
        if (c.region() != null) {
            filter.addObject().putObject("term").put("regionPath", c.region());
        }
        if (c.kind() != null) {
            filter.addObject().putObject("term").put("kind", c.kind());
        }
        if (c.status() != null) {
            filter.addObject().putObject("term").put("status", c.status());
        }
        return query;
    }

    /** Relevance first; ties break on the USCC (unique), so pages are stable. */
    public static ArrayNode sort() {
        ArrayNode sort = JSON.arrayNode();
        sort.addObject().put("_score", "desc");
        sort.addObject().put("uscc", "asc");
        return sort;
    }
}
