package cn.xinyong.openapi.readmodel;

import cn.xinyong.openapi.readmodel.FeedEvent;
import cn.xinyong.openapi.readmodel.record.EntityRecord;
import cn.xinyong.openapi.readmodel.record.PersonRecord;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;

/**
 * The one place that knows how a record is stored: the search document built from a feed event (the
 * index is the system of record of the read model) and the Redis entry derived from a search document
 * (so a write, a repair and a full cache rebuild all store exactly the same value).
 *
 * <p>A Redis entry is one field of the subject's hash: {@code entity} or {@code <dataset>:<id>}, valued
 * {@code <version>|<position>|<json>}, so scripts can compare versions and positions without parsing JSON.
 */
final class StoredForm {

    /** Long free-text fields the search documents keep but the hot Redis summary leaves out. */
    private static final Set<String> NOT_IN_SUMMARY = Set.of("subjectId", "subjectName", "facts", "content",
            "legalBasis", "documentName", "certificateName", "certificateNumber", "dataSource", "matter");
    /** The working days from a 双公示 decision to its publication (for the timeliness indicator, 及时率). */
    static final String PUBLICATION_WORKING_DAYS = "publicationWorkingDays";
    /** The stored field linking an entity to its legal representative's records (a keyed hash). */
    static final String REPRESENTATIVE = "legalRepresentativeHash";
    /** Fields only the index needs. */
    private static final Set<String> INDEX_ONLY = Set.of("version", "regionPath", "withdrawn", "withdrawnReason",
            "expired", "creditGradeDetail", PUBLICATION_WORKING_DAYS);

    /** A Redis hash entry: the subject's key suffix, the field, and the encoded value. */
    record Entry(String subjectId, String field, long version, long position, String json) {
        String encoded() {
            return encode(version, position, json);
        }
    }

    /** A decoded Redis value. */
    record Decoded(long version, long position, String json) {
    }

    private final ObjectMapper mapper;

    StoredForm(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    static String encode(long version, long position, String json) {
        return version + "|" + position + "|" + json;
    }

    /** Decodes a stored value; values written before positions were stored ({@code version|json}) read as position 0. */
    static Decoded decode(String value) {
        int bar = value.indexOf('|');
        long version = Long.parseLong(value.substring(0, bar));
        if (bar + 1 < value.length() && value.charAt(bar + 1) == '{') {
            return new Decoded(version, 0, value.substring(bar + 1));
        }
        int second = value.indexOf('|', bar + 1);
        return new Decoded(version, Long.parseLong(value.substring(bar + 1, second)), value.substring(second + 1));
    }

    /**
     * The search document of an event: the record as sent (for personal records without the ID, with
     * {@code subjectId} the ID's keyed hash), plus version, position, time and publication state;
     * {@code representativeHash} is the keyed hash of an entity's legal representative's ID, stored in its
     * place (the ID itself never is).
     */
    ObjectNode document(FeedEvent e, String subjectId, long position, String now, String representativeHash) {
        ObjectNode doc;
        if (e.record() == null) {
            doc = mapper.createObjectNode();
        } else if (e.record() instanceof PersonRecord person) {
            doc = mapper.valueToTree(person.withoutId());
            doc.remove("residentId");
        } else {
            doc = mapper.valueToTree(e.record());
        }
        doc.remove("legalRepresentativeId");
        if (representativeHash != null) {
            doc.put(REPRESENTATIVE, representativeHash);
        }
        doc.put("id", e.id());
        doc.put("version", e.version());
        doc.put("seq", position);
        doc.put("updatedAt", now);
        doc.put("subjectId", subjectId);
        if (e.dataset() != Dataset.PERSON_RECORD) {
            String region = e.record() instanceof EntityRecord entity ? entity.regionCode() : subjectId.substring(2, 8);
            doc.put("regionCode", region);
            doc.putArray("regionPath").add(region.substring(0, 2)).add(region.substring(0, 4)).add(region);
        }
        if (e.record() instanceof EntityRecord entity && entity.creditGrade() != null) {
            doc.set("creditGradeDetail", doc.get("creditGrade"));
            doc.put("creditGrade", entity.creditGrade().grade());
        }
        publicationLag(e.record()).ifPresent(days -> doc.put(PUBLICATION_WORKING_DAYS, days));
        doc.put("withdrawn", e.op() == FeedEvent.Operation.WITHDRAW);
        if (e.op() == FeedEvent.Operation.WITHDRAW) {
            doc.put("withdrawnReason", e.reason());
            if (e.dataset() == Dataset.ENTITY) {
                doc.put("uscc", subjectId);
            }
        }
        return doc;
    }

    /** Working days from decision to publication of a licence or penalty that states both dates. */
    private static java.util.Optional<Integer> publicationLag(Object record) {
        java.time.LocalDate decided = null;
        java.time.LocalDate published = null;
        if (record instanceof cn.xinyong.openapi.readmodel.record.LicenceRecord l) {
            decided = l.decisionDate();
            published = l.publishedOn();
        } else if (record instanceof cn.xinyong.openapi.readmodel.record.PenaltyRecord p) {
            decided = p.decisionDate();
            published = p.publishedOn();
        }
        return decided == null || published == null ? java.util.Optional.empty()
                : java.util.Optional.of(WorkingDays.between(decided, published));
    }

    /** The search document's id: the USCC for entities (one document per entity), else the record id. */
    static String documentId(Dataset dataset, JsonNode doc) {
        return dataset == Dataset.ENTITY ? doc.path("uscc").asText(doc.path("subjectId").asText())
                : doc.path("id").asText();
    }

    /** The subject a search document belongs to. */
    static String subjectOf(Dataset dataset, JsonNode doc) {
        if (doc.hasNonNull("subjectId")) {
            return doc.get("subjectId").asText();
        }
        return dataset == Dataset.ENTITY ? doc.path("uscc").asText() : null;
    }

    /** The start of every withdrawal's stored entry ({@link #entry}: the withdrawal and its reason come first). */
    private static final String WITHDRAWAL_START = "{\"withdrawn\":true";

    /** Whether a stored entry is a withdrawal: it holds the reason, not the record. */
    static boolean isWithdrawal(String storedJson) {
        return storedJson.startsWith(WITHDRAWAL_START);
    }

    /** The Redis entry for a search document. */
    Entry entry(Dataset dataset, JsonNode doc) {
        ObjectNode summary;
        if (doc.path("withdrawn").asBoolean(false)) {
            summary = mapper.createObjectNode().put("withdrawn", true).put("reason", doc.path("withdrawnReason").asText(null));
        } else {
            summary = ((ObjectNode) doc).deepCopy();
            summary.remove(INDEX_ONLY);
            if (dataset == Dataset.ENTITY) {
                summary.remove("subjectId");
                summary.remove("creditGrade");
                if (doc.has("creditGradeDetail")) {
                    summary.set("creditGrade", doc.get("creditGradeDetail"));
                }
            } else {
                summary.remove(NOT_IN_SUMMARY);
                summary.remove("regionCode");
                if (dataset == Dataset.LIST_ENTRY) {
                    // A list entry's name and basis (认定依据) are part of every membership answer; entries are few.
                    for (String kept : List.of("subjectName", "legalBasis")) {
                        if (doc.hasNonNull(kept)) {
                            summary.set(kept, doc.get(kept).deepCopy());
                        }
                    }
                }
            }
            summary.remove("id");
            summary.remove("seq");
            summary.remove("updatedAt");
        }
        summary.put("id", doc.path("id").asText());
        summary.put("seq", doc.path("seq").asLong());
        if (doc.hasNonNull("updatedAt")) {
            summary.put("updatedAt", doc.get("updatedAt").asText());
        }
        return new Entry(subjectOf(dataset, doc), dataset.field(doc.path("id").asText()), doc.path("version").asLong(),
                doc.path("seq").asLong(), summary.toString());
    }
}
