package cn.xinyong.openapi.entity;

import static cn.xinyong.openapi.platform.JsonFields.date;

import cn.xinyong.openapi.platform.TimeSource;
import cn.xinyong.openapi.platform.paging.CursorCodec;
import cn.xinyong.openapi.readmodel.Dataset;
import cn.xinyong.openapi.readmodel.IndexPager;
import cn.xinyong.openapi.readmodel.PublicationRules;
import cn.xinyong.openapi.readmodel.SubjectDocument;
import cn.xinyong.openapi.readmodel.SubjectStore;
import cn.xinyong.openapi.readmodel.record.EntityRecord;
import cn.xinyong.openapi.readmodel.record.ListEntryRecord;
import cn.xinyong.openapi.readmodel.record.Vocabulary;
import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Entity lookup (from the Redis hot document) and name search (from OpenSearch). */
@ApplicationScoped
public class EntityService {

    /** A profile and the strong validator of its representation. */
    public record ProfileResult(EntityViews.Profile profile, String etag) {
    }

    /** A page of results and the cursor of the next page (null on the last). */
    public record Page(EntityViews.SearchPage page, String nextCursor) {
    }

    private final SubjectStore store;
    private final IndexPager pager;
    private final TimeSource time;

    EntityService(SubjectStore store, IndexPager pager, TimeSource time) {
        this.store = store;
        this.pager = pager;
        this.time = time;
    }

    /** Whether a public entity has the code (its disclosures are answered only then, as its profile is). */
    public Uni<Boolean> known(String uscc) {
        return store.subject(uscc).map(doc -> doc.entity().isPresent());
    }

    /** The public profile, or a null item when the entity is unknown or withdrawn. */
    public Uni<ProfileResult> profile(String uscc) {
        LocalDate today = time.today();
        return store.subject(uscc).map(doc -> doc.entity()
                .map(e -> new ProfileResult(assemble(doc, e, today), doc.versionTag(today))).orElse(null));
    }

    private static EntityViews.Profile assemble(SubjectDocument doc, EntityRecord e, LocalDate today) {
        int licences = (int) doc.licences().stream().filter(r -> PublicationRules.licencePublic(r.withdrawn())).count();
        int penalties = doc.publicPenalties(today).size();
        int commitments = (int) doc.commitments().stream().filter(r -> !r.withdrawn()).count();
        List<EntityViews.ListMembership> lists = new ArrayList<>();
        for (SubjectDocument.Entry<ListEntryRecord> entry : doc.listEntries()) {
            ListEntryRecord r = entry.record();
            if (!entry.withdrawn() && PublicationRules.listMembershipCurrent(r, today)) {
                lists.add(new EntityViews.ListMembership(r.list(), cn.xinyong.openapi.readmodel.record.ListCatalog.name(r.list()),
                        r.listedOn(), r.removeBy(), r.authority(), r.disputedSince()));
            }
        }
        EntityRecord.CreditGrade g = e.creditGrade();
        EntityViews.Grade grade = g == null ? null : new EntityViews.Grade(g.grade(),
                Vocabulary.CREDIT_GRADES.get(g.grade()), g.ratedOn(), g.evaluatedBy());
        return new EntityViews.Profile(e.uscc(), e.name(), e.kind(), Vocabulary.ENTITY_KINDS.get(e.kind()), e.status(),
                Vocabulary.ENTITY_STATUSES.get(e.status()), e.legalRepresentative(), e.registrationAuthority(),
                e.regionCode(), e.registeredOn(), e.industry(), e.address(), grade, lists,
                new EntityViews.Counts(licences, penalties, commitments), doc.dataAsOf());
    }

    public Uni<Page> search(EntityQueries.Criteria criteria, int limit, String cursor) {
        String fingerprint = CursorCodec.fingerprint("entities", criteria.text(), criteria.uscc(), criteria.region(),
                criteria.kind(), criteria.status());
        IndexPager.Request request = new IndexPager.Request(EntityQueries.query(criteria), EntityQueries.sort(),
                fingerprint, limit, cursor, List.of(EntityQueries.SUMMARY_FIELDS), true);
        return pager.page(Dataset.ENTITY, request, EntityService::summary).map(p -> new Page(
                new EntityViews.SearchPage(p.items(), p.total(), p.totalExact(), null), p.next()));
    }

    private static EntityViews.Summary summary(JsonNode s) {
        return new EntityViews.Summary(s.path("uscc").asText(), s.path("name").asText(), s.path("kind").asText(null),
                s.path("status").asText(null), s.path("regionCode").asText(null), s.path("creditGrade").asText(null),
                date(s, "registeredOn"));
    }
}
