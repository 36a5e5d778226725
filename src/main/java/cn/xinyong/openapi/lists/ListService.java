package cn.xinyong.openapi.lists;

import cn.xinyong.openapi.platform.TimeSource;
import cn.xinyong.openapi.platform.paging.CursorCodec;
import cn.xinyong.openapi.platform.paging.Page;
import cn.xinyong.openapi.platform.search.SearchGateway;
import cn.xinyong.openapi.readmodel.Dataset;
import cn.xinyong.openapi.readmodel.IndexManager;
import cn.xinyong.openapi.readmodel.IndexPager;
import cn.xinyong.openapi.readmodel.PublicViews;
import cn.xinyong.openapi.readmodel.PublicationRules;
import cn.xinyong.openapi.readmodel.SubjectDocument;
import cn.xinyong.openapi.readmodel.SubjectStore;
import cn.xinyong.openapi.readmodel.record.ListCatalog;
import cn.xinyong.openapi.readmodel.record.ListEntryRecord;
import cn.xinyong.openapi.readmodel.view.ListEntryView;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Red/black lists: the catalogue with counts, entries by list, and one entity's memberships. */
@ApplicationScoped
public class ListService {

    /** Filters of a list's entries. */
    public record EntryFilter(String authority, String region, LocalDate listedFrom, LocalDate listedTo, String state,
            String subject) {
    }

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private final SearchGateway search;
    private final IndexPager pager;
    private final PublicViews views;
    private final IndexManager indices;
    private final SubjectStore store;
    private final TimeSource time;
    private final cn.xinyong.openapi.measures.MeasureCatalog measures;

    ListService(SearchGateway search, IndexPager pager, PublicViews views, IndexManager indices, SubjectStore store,
            TimeSource time, cn.xinyong.openapi.measures.MeasureCatalog measures) {
        this.measures = measures;
        this.search = search;
        this.pager = pager;
        this.views = views;
        this.indices = indices;
        this.store = store;
        this.time = time;
    }

    /** The codes of the 联合奖惩 measures that a current membership of the list triggers. */
    private List<String> triggered(String list) {
        return measures.current().measures().stream()
                .filter(m -> m.trigger() != null && "listed".equals(m.trigger().type()) && m.trigger().lists() != null
                        && m.trigger().lists().contains(list))
                .map(cn.xinyong.openapi.measures.Measure::code).toList();
    }

    public Uni<List<ListViews.CatalogEntry>> catalogue() {
        LocalDate today = time.today();
        ObjectNode body = JSON.objectNode().put("size", 0);
        body.set("query", PublicationRules.publicBool(Dataset.LIST_ENTRY, today));
        ObjectNode aggs = body.putObject("aggs").putObject("lists");
        aggs.putObject("terms").put("field", "list").put("size", 100);
        ObjectNode current = aggs.putObject("aggs").putObject("current");
        ObjectNode currentBool = current.putObject("filter").putObject("bool");
        PublicationRules.currentListEntries(currentBool, today);
        return search.search(indices.alias(Dataset.LIST_ENTRY), body).map(response -> {
            Map<String, long[]> counts = new HashMap<>();
            for (JsonNode b : response.path("aggregations").path("lists").path("buckets")) {
                counts.put(b.path("key").asText(), new long[] {b.path("current").path("doc_count").asLong(),
                    b.path("doc_count").asLong()});
            }
            List<ListViews.CatalogEntry> out = new ArrayList<>();
            for (ListCatalog.ListDefinition d : ListCatalog.all()) {
                long[] c = counts.getOrDefault(d.code(), new long[2]);
                out.add(new ListViews.CatalogEntry(d, c[0], c[1], triggered(d.code())));
            }
            return out;
        });
    }

    public Uni<Page<ListEntryView>> entries(String list, EntryFilter f, int limit, String cursor) {
        LocalDate today = time.today();
        ObjectNode query = PublicationRules.publicBool(Dataset.LIST_ENTRY, today);
        ObjectNode bool = (ObjectNode) query.get("bool");
        ArrayNode filter = bool.withArray("filter");
        filter.add(PublicationRules.term("list", list));
        if (f.authority() != null) {
            filter.add(PublicationRules.term("authority", f.authority()));
        }
        if (f.region() != null) {
            filter.add(PublicationRules.term("regionPath", f.region()));
        }
        if (f.subject() != null) {
            filter.add(PublicationRules.term("subjectId", f.subject()));
        }
        if (f.listedFrom() != null) {
            filter.add(PublicationRules.range("listedOn", "gte", f.listedFrom().toString()));
        }
        if (f.listedTo() != null) {
            filter.add(PublicationRules.range("listedOn", "lte", f.listedTo().toString()));
        }
        if ("active".equals(f.state())) {
            PublicationRules.currentListEntries(bool, today);
        } else if ("removed".equals(f.state())) {
            PublicationRules.pastListEntries(bool, today);
        }
        ArrayNode sort = JSON.arrayNode();
        sort.addObject().put("listedOn", "desc");
        sort.addObject().put("id", "asc");
        String fingerprint = CursorCodec.fingerprint("list-entries", list, f.toString(), today.toString());
        return pager.page(Dataset.LIST_ENTRY, IndexPager.Request.of(query, sort, fingerprint, limit, cursor),
                doc -> views.listEntry(doc, today));
    }

    /** Every membership of the subject, from its document; null when the subject is unknown. */
    public Uni<ListViews.Memberships> memberships(String uscc) {
        LocalDate today = time.today();
        return store.subject(uscc).map(doc -> {
            if (doc.isEmpty()) {
                return null;
            }
            List<ListEntryView> current = new ArrayList<>();
            List<ListEntryView> past = new ArrayList<>();
            for (SubjectDocument.Entry<ListEntryRecord> e : doc.listEntries()) {
                if (!e.withdrawn()) {
                    ListEntryView view = PublicViews.listEntry(doc, e, today);
                    (view.current() ? current : past).add(view);
                }
            }
            Comparator<ListEntryView> newestFirst = Comparator.comparing(ListEntryView::listedOn).reversed();
            current.sort(newestFirst);
            past.sort(newestFirst);
            return new ListViews.Memberships(uscc, current, past);
        });
    }

}
