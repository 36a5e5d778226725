package cn.xinyong.openapi.entity;

import static cn.xinyong.openapi.platform.JsonFields.date;
import static cn.xinyong.openapi.platform.JsonFields.instant;

import cn.xinyong.openapi.disclosure.PublicationRules;
import cn.xinyong.openapi.ingest.feed.Vocabulary;
import cn.xinyong.openapi.platform.Dataset;
import cn.xinyong.openapi.platform.paging.CursorCodec;
import cn.xinyong.openapi.platform.problem.ApiProblem;
import cn.xinyong.openapi.platform.problem.ProblemType;
import cn.xinyong.openapi.platform.redis.ReadModelKeys;
import cn.xinyong.openapi.platform.search.IndexManager;
import cn.xinyong.openapi.platform.search.SearchGateway;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import cn.xinyong.openapi.platform.TimeSource;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Entity lookup (from the Redis hot document) and name search (from OpenSearch). */
@ApplicationScoped
public class EntityService {

    /** A profile and the strong validator of its representation. */
    public record ProfileResult(EntityViews.Profile profile, String etag) {
    }

    /** A page of results and the cursor of the next page (null on the last). */
    public record Page(EntityViews.SearchPage page, String nextCursor) {
    }

    private final EntityStore store;
    private final SearchGateway search;
    private final IndexManager indices;
    private final CursorCodec cursors;
    private final TimeSource time;

    EntityService(EntityStore store, SearchGateway search, IndexManager indices, CursorCodec cursors, TimeSource time) {
        this.store = store;
        this.search = search;
        this.indices = indices;
        this.cursors = cursors;
        this.time = time;
    }

    /** The public profile, or a null item when the entity is unknown or withdrawn. */
    public Uni<ProfileResult> profile(String uscc) {
        LocalDate today = time.today();
        return store.subject(uscc).map(fields -> {
            EntityStore.Versioned entity = fields.get(ReadModelKeys.ENTITY_FIELD);
            if (entity == null || entity.json().path("withdrawn").asBoolean(false)) {
                return null;
            }
            return new ProfileResult(assemble(entity.json(), fields, today), etag(fields, today));
        });
    }

    private EntityViews.Profile assemble(JsonNode e, Map<String, EntityStore.Versioned> fields, LocalDate today) {
        int licences = 0;
        int penalties = 0;
        int commitments = 0;
        List<EntityViews.ListMembership> lists = new ArrayList<>();
        Instant asOf = instant(e, "updatedAt");
        for (Map.Entry<String, EntityStore.Versioned> f : fields.entrySet()) {
            JsonNode r = f.getValue().json();
            Instant updated = instant(r, "updatedAt");
            if (updated != null && (asOf == null || updated.isAfter(asOf))) {
                asOf = updated;
            }
            boolean withdrawn = r.path("withdrawn").asBoolean(false);
            String field = f.getKey();
            if (field.startsWith(Dataset.LICENCE.feedName() + ":") && PublicationRules.licencePublic(withdrawn)) {
                licences++;
            } else if (field.startsWith(Dataset.PENALTY.feedName() + ":") && PublicationRules.penaltyPublic(
                    r.path("severity").asText(null), date(r, "publicationEnd"), withdrawn, today)) {
                penalties++;
            } else if (field.startsWith(Dataset.COMMITMENT.feedName() + ":") && !withdrawn) {
                commitments++;
            } else if (field.startsWith(Dataset.LIST_ENTRY.feedName() + ":") && PublicationRules.listMembershipCurrent(
                    date(r, "listedOn"), date(r, "removeBy"), date(r, "removedOn"), withdrawn, today)) {
                String list = r.path("list").asText();
                lists.add(new EntityViews.ListMembership(list, Vocabulary.LISTS.getOrDefault(list, list),
                        date(r, "listedOn"), date(r, "removeBy"), r.path("authority").asText(null)));
            }
        }
        JsonNode g = e.path("creditGrade");
        EntityViews.Grade grade = g.isObject() ? new EntityViews.Grade(g.path("grade").asText(),
                Vocabulary.CREDIT_GRADES.get(g.path("grade").asText()), date(g, "ratedOn"),
                g.path("evaluatedBy").asText(null)) : null;
        String kind = e.path("kind").asText();
        String status = e.path("status").asText();
        return new EntityViews.Profile(e.path("uscc").asText(), e.path("name").asText(), kind,
                Vocabulary.ENTITY_KINDS.get(kind), status, Vocabulary.ENTITY_STATUSES.get(status),
                e.path("legalRepresentative").asText(null), e.path("registrationAuthority").asText(null),
                e.path("regionCode").asText(null), date(e, "registeredOn"), e.path("industry").asText(null),
                e.path("address").asText(null), grade, lists, new EntityViews.Counts(licences, penalties, commitments),
                asOf);
    }

    /** Strong ETag over every stored version and the date (publication periods end by date). */
    static String etag(Map<String, EntityStore.Versioned> fields, LocalDate today) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(today.toString().getBytes(StandardCharsets.UTF_8));
            fields.forEach((name, value) -> sha.update((name + '=' + value.version() + ';').getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(sha.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Uni<Page> search(EntityQueries.Criteria criteria, int limit, String cursor) {
        if (!indices.ready()) {
            return Uni.createFrom().failure(new ApiProblem(ProblemType.UNAVAILABLE, "The search index is not ready yet"));
        }
        String fingerprint = CursorCodec.fingerprint("entities", criteria.text(), criteria.uscc(), criteria.region(),
                criteria.kind(), criteria.status());
        ArrayNode after = cursor == null ? null : cursors.decode(cursor, fingerprint);
        return search.search(indices.alias(Dataset.ENTITY), EntityQueries.search(criteria, limit + 1, after))
                .map(response -> {
                    JsonNode hits = response.path("hits").path("hits");
                    List<EntityViews.Summary> items = new ArrayList<>();
                    for (int i = 0; i < Math.min(limit, hits.size()); i++) {
                        items.add(summary(hits.get(i).path("_source")));
                    }
                    String next = hits.size() > limit
                            ? cursors.encode(fingerprint, (ArrayNode) hits.get(limit - 1).path("sort")) : null;
                    JsonNode total = response.path("hits").path("total");
                    return new Page(new EntityViews.SearchPage(items, total.path("value").asLong(),
                            "eq".equals(total.path("relation").asText()), null), next);
                });
    }

    private static EntityViews.Summary summary(JsonNode s) {
        return new EntityViews.Summary(s.path("uscc").asText(), s.path("name").asText(), s.path("kind").asText(null),
                s.path("status").asText(null), s.path("regionCode").asText(null), s.path("creditGrade").asText(null),
                date(s, "registeredOn"));
    }


}
