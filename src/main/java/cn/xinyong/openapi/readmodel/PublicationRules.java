package cn.xinyong.openapi.readmodel;

import cn.xinyong.openapi.readmodel.record.ListEntryRecord;
import cn.xinyong.openapi.readmodel.record.PenaltyRecord;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;

/**
 * What the public may see (双公示 publication rules), in one place: as predicates over records (the
 * Redis document, a search document) and as the equivalent search filters. Evaluated against today's
 * date, so a record whose publication period ends disappears on that day with no event.
 */
public final class PublicationRules {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** Why a record is not public: its withdrawal reason, or one of these. */
    public static final String NOT_PUBLIC = "notPublic";
    public static final String PUBLICATION_EXPIRED = "publicationExpired";

    private PublicationRules() {
    }

    /**
     * A penalty is public unless decided under 简易程序, withdrawn (信用修复, 异议, correction) or past
     * its publication end date (the end date itself is the last public day).
     */
    public static boolean penaltyPublic(String severity, LocalDate publicationEnd, boolean withdrawn, LocalDate today) {
        if (withdrawn || "simple".equals(severity)) {
            return false;
        }
        return publicationEnd != null && !today.isAfter(publicationEnd);
    }

    public static boolean penaltyPublic(PenaltyRecord p, LocalDate today) {
        return penaltyPublic(p.severity(), p.publicationEnd(), false, today);
    }

    /** A licence decision stays public unless withdrawn. */
    public static boolean licencePublic(boolean withdrawn) {
        return !withdrawn;
    }

    /** A list membership is current from its listing until it is removed or its removal date passes. */
    public static boolean listMembershipCurrent(LocalDate listedOn, LocalDate removeBy, LocalDate removedOn,
            boolean withdrawn, LocalDate today) {
        if (withdrawn || listedOn == null || listedOn.isAfter(today)) {
            return false;
        }
        if (removedOn != null && !removedOn.isAfter(today)) {
            return false;
        }
        return removeBy == null || !today.isAfter(removeBy);
    }

    public static boolean listMembershipCurrent(ListEntryRecord e, LocalDate today) {
        return listMembershipCurrent(e.listedOn(), e.removeBy(), e.removedOn(), false, today);
    }

    /**
     * Why a search document of the dataset is not public today (its withdrawal reason,
     * {@link #NOT_PUBLIC} or {@link #PUBLICATION_EXPIRED}), or null when it is public.
     */
    public static String withdrawal(Dataset dataset, JsonNode doc, LocalDate today) {
        if (doc.path("withdrawn").asBoolean()) {
            return doc.path("withdrawnReason").asText("withdrawn");
        }
        if (dataset == Dataset.PENALTY) {
            if ("simple".equals(doc.path("severity").asText())) {
                return NOT_PUBLIC;
            }
            if (doc.path("expired").asBoolean() || !doc.path("publicationEnd").isTextual()
                    || LocalDate.parse(doc.path("publicationEnd").asText()).isBefore(today)) {
                return PUBLICATION_EXPIRED;
            }
        }
        return null;
    }

    // ---- the same rules as search filters ----

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

    /** Penalties not withdrawn, past their publication end, not yet marked expired (for the feed's withdrawals). */
    public static ObjectNode newlyExpiredPenalties(LocalDate today) {
        ObjectNode query = JSON.objectNode();
        ObjectNode bool = query.putObject("bool");
        bool.withArray("filter").add(term("withdrawn", "false")).add(range("publicationEnd", "lt", today.toString()));
        bool.withArray("must_not").add(term("expired", "true"));
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

    /**
     * Keeps the records of the dataset in force today: current list memberships, licences within their validity,
     * active entities, commitments still being fulfilled (履约中); penalties are in force while published.
     */
    public static void inForce(ObjectNode bool, Dataset dataset, LocalDate today) {
        String d = today.toString();
        ArrayNode filter = bool.withArray("filter");
        switch (dataset) {
            case LIST_ENTRY -> currentListEntries(bool, today);
            case LICENCE -> {
                filter.addObject().putObject("bool").putArray("should").add(missing("validFrom")).add(range("validFrom", "lte", d));
                filter.addObject().putObject("bool").putArray("should").add(missing("validTo")).add(range("validTo", "gte", d));
            }
            case ENTITY -> filter.add(term("status", "active"));
            case COMMITMENT -> filter.add(term("fulfilment", "pending"));
            default -> {
            }
        }
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
