package cn.xinyong.openapi.disclosure;

import cn.xinyong.openapi.ingest.feed.CommitmentRecord;
import cn.xinyong.openapi.ingest.feed.LicenceRecord;
import cn.xinyong.openapi.ingest.feed.PenaltyRecord;
import cn.xinyong.openapi.ingest.feed.Vocabulary;
import cn.xinyong.openapi.platform.TimeSource;
import cn.xinyong.openapi.platform.paging.CursorCodec;
import cn.xinyong.openapi.platform.search.IndexManager;
import cn.xinyong.openapi.platform.search.SearchPages;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** 双公示 disclosures: filtered, newest first, cursor-paged, publication rules applied. */
@ApplicationScoped
public class DisclosureService {

    /** What to show. All optional. */
    public record Filter(String authority, String region, String category, LocalDate from, LocalDate to, String subject) {
    }

    /** A page and the next cursor. */
    public record Page(List<DisclosureViews.Disclosure> items, String nextCursor, long total, boolean totalExact) {
    }

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private final SearchPages pages;
    private final IndexManager indices;
    private final TimeSource time;
    private final ObjectMapper lenient;

    DisclosureService(SearchPages pages, IndexManager indices, TimeSource time, ObjectMapper mapper) {
        this.pages = pages;
        this.indices = indices;
        this.time = time;
        this.lenient = mapper.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** The query for a filter, public records only (used by the pages and the exports). */
    public static ObjectNode query(DisclosureKind kind, Filter f, LocalDate today) {
        ObjectNode query = PublicQueries.publicBool(kind.dataset(), today);
        ArrayNode filter = ((ObjectNode) query.get("bool")).withArray("filter");
        if (f.authority() != null) {
            filter.add(PublicQueries.term("authority", f.authority()));
        }
        if (f.region() != null) {
            filter.add(PublicQueries.term("regionPath", f.region()));
        }
        if (f.category() != null) {
            filter.add(PublicQueries.term(kind.categoryField(), f.category()));
        }
        if (f.subject() != null) {
            filter.add(PublicQueries.term("subjectId", f.subject()));
        }
        if (f.from() != null) {
            filter.add(PublicQueries.range(kind.dateField(), "gte", f.from().toString()));
        }
        if (f.to() != null) {
            filter.add(PublicQueries.range(kind.dateField(), "lte", f.to().toString()));
        }
        return query;
    }

    public Uni<Page> page(DisclosureKind kind, Filter f, int limit, String cursor) {
        LocalDate today = time.today();
        ArrayNode sort = JSON.arrayNode();
        sort.addObject().put(kind.dateField(), "desc");
        sort.addObject().put("id", "asc");
        String fingerprint = CursorCodec.fingerprint("disclosures", kind.path(), f.toString(), today.toString());
        return pages.page(indices.alias(kind.dataset()), query(kind, f, today), sort, fingerprint, limit, cursor)
                .map(p -> new Page(p.sources().stream().map(s -> view(kind, s)).toList(), p.nextCursor(), p.total(),
                        p.totalExact()));
    }

    /** The public view of a search document. */
    public DisclosureViews.Disclosure view(DisclosureKind kind, JsonNode s) {
        try {
            String id = s.path("id").asText();
            long version = s.path("version").asLong();
            Instant updated = s.path("updatedAt").isTextual() ? Instant.parse(s.path("updatedAt").asText()) : null;
            return switch (kind) {
                case LICENCES -> {
                    LicenceRecord r = lenient.treeToValue(s, LicenceRecord.class);
                    yield new DisclosureViews.Licence(id, version, r, Vocabulary.LICENCE_CATEGORIES.get(r.category()), updated);
                }
                case PENALTIES -> {
                    PenaltyRecord r = lenient.treeToValue(s, PenaltyRecord.class);
                    List<String> labels = r.categories() == null ? List.of()
                            : r.categories().stream().map(c -> Vocabulary.PENALTY_CATEGORIES.getOrDefault(c, c)).toList();
                    yield new DisclosureViews.Penalty(id, version, r, labels,
                            Vocabulary.PENALTY_SEVERITIES.get(r.severity()), updated);
                }
                case COMMITMENTS -> {
                    CommitmentRecord r = lenient.treeToValue(s, CommitmentRecord.class);
                    yield new DisclosureViews.Commitment(id, version, r, Vocabulary.COMMITMENT_TYPES.get(r.type()),
                            Vocabulary.FULFILMENT.get(r.fulfilment()), updated);
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
