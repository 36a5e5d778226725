package cn.xinyong.openapi.disclosure;

import cn.xinyong.openapi.platform.TimeSource;
import cn.xinyong.openapi.platform.paging.CursorCodec;
import cn.xinyong.openapi.platform.paging.Page;
import cn.xinyong.openapi.platform.problem.ApiProblem;
import cn.xinyong.openapi.platform.problem.Problem;
import cn.xinyong.openapi.platform.problem.ProblemType;
import cn.xinyong.openapi.platform.web.Links;
import cn.xinyong.openapi.platform.web.Params;
import cn.xinyong.openapi.readmodel.Dataset;
import cn.xinyong.openapi.readmodel.IndexPager;
import cn.xinyong.openapi.readmodel.PublicViews;
import cn.xinyong.openapi.readmodel.PublicationRules;
import cn.xinyong.openapi.readmodel.view.Disclosure;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.UriInfo;
import java.time.LocalDate;
import java.util.List;

/** 双公示 disclosures: filtered, newest first, cursor-paged, publication rules applied. */
@ApplicationScoped
public class DisclosureService {

    /** What to show. All optional. */
    public record Filter(String authority, String region, String category, LocalDate from, LocalDate to, String subject) {
    }

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private final IndexPager pager;
    private final PublicViews views;
    private final TimeSource time;

    private final cn.xinyong.openapi.platform.web.Links links;

    DisclosureService(IndexPager pager, PublicViews views, TimeSource time, cn.xinyong.openapi.platform.web.Links links) {
        this.links = links;
        this.pager = pager;
        this.views = views;
        this.time = time;
    }

    /** Resolves a kind path segment (licences, penalties, commitments); 404 for anything else. */
    public static Dataset kind(String kind) {
        return Dataset.byPath(kind).filter(Dataset::disclosure).orElseThrow(() -> new ApiProblem(ProblemType.NOT_FOUND,
                "No disclosure kind '" + kind + "': use licences, penalties or commitments",
                List.of(new Problem.FieldError("kind", "unknown"))));
    }

    /** Reads the shared filters; errors go to {@code p}. */
    public static Filter filter(Dataset kind, Params p, String authority, String region, String category, String from,
            String to, String subject) {
        Filter f = new Filter(p.text("authority", authority, 100), p.region(region),
                p.oneOf("category", category, kind.categories()), p.date("from", from), p.date("to", to), subject);
        p.range("from", f.from(), "to", f.to());
        return f;
    }

    /** The query for a filter, public records only. */
    public static ObjectNode query(Dataset kind, Filter f, LocalDate today) {
        ObjectNode query = PublicationRules.publicBool(kind, today);
        ArrayNode filter = ((ObjectNode) query.get("bool")).withArray("filter");
        if (f.authority() != null) {
            filter.add(PublicationRules.term("authority", f.authority()));
        }
        if (f.region() != null) {
            filter.add(PublicationRules.term("regionPath", f.region()));
        }
        if (f.category() != null) {
            filter.add(PublicationRules.term(kind.categoryField(), f.category()));
        }
        if (f.subject() != null) {
            filter.add(PublicationRules.term("subjectId", f.subject()));
        }
        if (f.from() != null) {
            filter.add(PublicationRules.range(kind.dateField(), "gte", f.from().toString()));
        }
        if (f.to() != null) {
            filter.add(PublicationRules.range(kind.dateField(), "lte", f.to().toString()));
        }
        return query;
    }

    public Uni<Page<Disclosure>> page(Dataset kind, Filter f, int limit, String cursor) {
        LocalDate today = time.today();
        ArrayNode sort = JSON.arrayNode();
        sort.addObject().put(kind.dateField(), "desc");
        sort.addObject().put("id", "asc");
        String fingerprint = CursorCodec.fingerprint("disclosures", kind.path(), f.toString(), today.toString());
        return pager.page(kind, IndexPager.Request.of(query(kind, f, today), sort, fingerprint, limit, cursor),
                doc -> views.disclosure(kind, doc));
    }

    /** A page as the API answers it, with the link to the next page. */
    public Uni<DisclosureViews.Page> answer(Dataset kind, Filter f, int limit, String cursor, UriInfo uri) {
        return page(kind, f, limit, cursor).map(p -> new DisclosureViews.Page(p.items(), p.total(), p.totalExact(),
                links.next(uri, "cursor", p.next())));
    }
}
