package cn.xinyong.openapi.disclosure;

import cn.xinyong.openapi.platform.Dataset;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;

/**
 * The publication rules as search filters (the read-time twin of {@link PublicationRules}): only what
 * the public may see today. Pure builders, tested without a cluster.
 */
public final class PublicQueries {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private PublicQueries() {
    }

    /** Adds the clauses that keep only publicly visible records of the dataset to a bool query. */
    public static void publicOnly(ObjectNode bool, Dataset dataset, LocalDate today) {
        ArrayNode filter = bool.withArray("filter");
        filter.addObject().putObject("term").put("withdrawn", false);
        if (dataset == Dataset.PENALTY) {
            filter.addObject().putObject("range").putObject("publicationEnd").put("gte", today.toString());
            bool.withArray("must_not").addObject().putObject("term").put("severity", "simple");
            bool.withArray("must_not").addObject().putObject("term").put("expired", true);
        }
    }

    /** A bool query with the public filter. */
    public static ObjectNode publicBool(Dataset dataset, LocalDate today) {
        ObjectNode query = JSON.objectNode();
        publicOnly(query.putObject("bool"), dataset, today);
        return query;
    }

    /** Keeps list entries current today (listed, not removed, removal date not passed). */
    public static void currentListEntries(ObjectNode bool, LocalDate today) {
        String d = today.toString();
        ArrayNode filter = bool.withArray("filter");
        filter.addObject().putObject("range").putObject("listedOn").put("lte", d);
        filter.addObject().putObject("bool").putArray("should")
                .add(missing("removedOn")).add(range("removedOn", "gt", d));
        filter.addObject().putObject("bool").putArray("should")
                .add(missing("removeBy")).add(range("removeBy", "gte", d));
    }

    /** Keeps list entries no longer current today. */
    public static void pastListEntries(ObjectNode bool, LocalDate today) {
        String d = today.toString();
        ArrayNode should = bool.withArray("filter").addObject().putObject("bool").put("minimum_should_match", 1)
                .putArray("should");
        should.add(range("removedOn", "lte", d));
        should.add(range("removeBy", "lt", d));
        should.add(range("listedOn", "gt", d));
    }

    public static ObjectNode term(String field, String value) {
        ObjectNode n = JSON.objectNode();
        n.putObject("term").put(field, value);
        return n;
    }

    public static ObjectNode range(String field, String op, String value) {
        ObjectNode n = JSON.objectNode();
        n.putObject("range").putObject(field).put(op, value);
        return n;
    }

    private static ObjectNode missing(String field) {
        ObjectNode n = JSON.objectNode();
        n.putObject("bool").putArray("must_not").addObject().putObject("exists").put("field", field);
        return n;
    }
}
