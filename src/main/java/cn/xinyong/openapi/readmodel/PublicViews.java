package cn.xinyong.openapi.readmodel;

import cn.xinyong.openapi.readmodel.record.CommitmentRecord;
import cn.xinyong.openapi.readmodel.record.LicenceRecord;
import cn.xinyong.openapi.readmodel.record.ListCatalog;
import cn.xinyong.openapi.readmodel.record.ListEntryRecord;
import cn.xinyong.openapi.readmodel.record.PenaltyRecord;
import cn.xinyong.openapi.readmodel.record.Vocabulary;
import cn.xinyong.openapi.readmodel.view.CommitmentView;
import cn.xinyong.openapi.readmodel.view.Disclosure;
import cn.xinyong.openapi.readmodel.view.EntityOpenRecord;
import cn.xinyong.openapi.readmodel.view.LicenceView;
import cn.xinyong.openapi.readmodel.view.ListEntryView;
import cn.xinyong.openapi.readmodel.view.PenaltyView;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The public view of each dataset's records: the shape the query endpoints, the feeds and the exports
 * all return, mapped from the stored document. The views are records of their own, so a new feed
 * field stays private until a view shows it.
 */
@ApplicationScoped
public class PublicViews {

    private final ObjectMapper mapper;
    private final ObjectMapper lenient;

    PublicViews(ObjectMapper mapper) {
        this.mapper = mapper;
        this.lenient = mapper.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /**
     * The record as feeds and exports publish it, from its search document: its platform version and nothing that
     * changes with the date alone (a list entry's {@code current} is left to the reader), so that a mirror's copy
     * changes only with a change-feed entry. A typed view, written as JSON as it is ({@link #line}: the feed,
     * exports, dumps), or see {@link #tree} (CSV columns).
     */
    public Object openView(Dataset dataset, JsonNode doc) {
        return switch (dataset) {
            case ENTITY -> read(doc, EntityOpenRecord.class);
            case LIST_ENTRY -> listEntry(doc.path("id").asText(), doc.path("version").asLong(),
                    read(doc, ListEntryRecord.class), null);
            case LICENCE, PENALTY, COMMITMENT -> disclosure(dataset, doc);
            case PERSON_RECORD -> throw new IllegalArgumentException("personal records have no public view");
        };
    }

    /** An open view as a JSON tree (CSV columns). */
    public JsonNode tree(Object view) {
        return mapper.valueToTree(view);
    }

    /** An open view as one line of JSON, written straight from the view (an export's NDJSON line, a dump's). */
    public String line(Object view) {
        try {
            return mapper.writeValueAsString(view);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("an open view could not be written", e);
        }
    }

    /** A disclosed record (licence, penalty or commitment) from its search document. */
    public Disclosure disclosure(Dataset dataset, JsonNode doc) {
        String id = doc.path("id").asText();
        long version = doc.path("version").asLong();
        Instant updated = cn.xinyong.openapi.platform.JsonFields.instant(doc, "updatedAt");
        return switch (dataset) {
            case LICENCE -> {
                LicenceRecord r = read(doc, LicenceRecord.class);
                yield new LicenceView(id, version, r.subjectId(), r.subjectName(), r.documentName(), r.documentNumber(),
                        r.category(), r.certificateName(), r.certificateNumber(), r.content(), r.decisionDate(),
                        r.validFrom(), r.validTo(), r.authority(), r.authorityCode(), r.dataSource(), r.publishedOn(),
                        Vocabulary.LICENCE_CATEGORIES.get(r.category()), updated, r.disputedSince());
            }
            case PENALTY -> {
                PenaltyRecord r = read(doc, PenaltyRecord.class);
                List<String> labels = r.categories() == null ? List.of()
                        : r.categories().stream().map(c -> Vocabulary.PENALTY_CATEGORIES.getOrDefault(c, c)).toList();
                yield new PenaltyView(id, version, r.subjectId(), r.subjectName(), r.decisionNumber(), r.violationType(),
                        r.facts(), r.legalBasis(), r.categories(), r.content(), r.fineAmount(), r.confiscationAmount(),
                        r.decisionDate(), r.publicationEnd(), r.authority(), r.authorityCode(), r.severity(),
                        r.dataSource(), r.publishedOn(), labels, Vocabulary.PENALTY_SEVERITIES.get(r.severity()), updated,
                        r.disputedSince());
            }
            case COMMITMENT -> {
                CommitmentRecord r = read(doc, CommitmentRecord.class);
                yield new CommitmentView(id, version, r.subjectId(), r.subjectName(), r.type(), r.content(), r.matter(),
                        r.committedOn(), r.authority(), r.authorityCode(), r.fulfilment(),
                        Vocabulary.COMMITMENT_TYPES.get(r.type()), Vocabulary.FULFILMENT.get(r.fulfilment()), updated,
                        r.disputedSince());
            }
            default -> throw new IllegalArgumentException(dataset + " is not a disclosure");
        };
    }

    /** A list entry from its search document, with whether it is current today. */
    public ListEntryView listEntry(JsonNode doc, LocalDate today) {
        return listEntry(doc.path("id").asText(), doc.path("version").asLong(), read(doc, ListEntryRecord.class), today);
    }

    /**
     * A list entry of a subject's document, with the subject's code and name, which the cached entry leaves to
     * the document.
     */
    public static ListEntryView listEntry(SubjectDocument doc, SubjectDocument.Entry<ListEntryRecord> e, LocalDate today) {
        ListEntryRecord r = e.record();
        ListEntryRecord whole = new ListEntryRecord(r.list(), r.subjectId() != null ? r.subjectId() : doc.subjectId(),
                r.subjectName() != null ? r.subjectName()
                        : doc.entity().map(cn.xinyong.openapi.readmodel.record.EntityRecord::name).orElse(null),
                r.reason(), r.authority(), r.authorityCode(), r.legalBasis(), r.listedOn(), r.removeBy(), r.removedOn(),
                r.disputedSince());
        return listEntry(e.id(), e.version(), whole, today);
    }

    /** A list entry from its stored record; {@code current} as of {@code today}, or left out when today is null. */
    public static ListEntryView listEntry(String id, long version, ListEntryRecord r, LocalDate today) {
        return new ListEntryView(id, version, r.list(), ListCatalog.name(r.list()), r.subjectId(), r.subjectName(),
                r.reason(), r.authority(), r.authorityCode(), r.legalBasis(), r.listedOn(), r.removeBy(), r.removedOn(),
                today == null ? null : PublicationRules.listMembershipCurrent(r, today), r.disputedSince());
    }

    /** A reader per view type, resolved once: reading a document is on every feed and export record's path. */
    private final java.util.Map<Class<?>, com.fasterxml.jackson.databind.ObjectReader> readers =
            new java.util.concurrent.ConcurrentHashMap<>();

    private <T> T read(JsonNode doc, Class<T> type) {
        try {
            return readers.computeIfAbsent(type, lenient::readerFor).readValue(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
