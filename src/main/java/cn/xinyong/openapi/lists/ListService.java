package cn.xinyong.openapi.lists;

import static cn.xinyong.openapi.platform.JsonFields.date;
import static cn.xinyong.openapi.platform.JsonFields.text;

import cn.xinyong.openapi.disclosure.PublicQueries;
import cn.xinyong.openapi.disclosure.PublicationRules;
import cn.xinyong.openapi.entity.EntityStore;
import cn.xinyong.openapi.platform.Dataset;
import cn.xinyong.openapi.platform.TimeSource;
import cn.xinyong.openapi.platform.paging.CursorCodec;
import cn.xinyong.openapi.platform.redis.ReadModelKeys;
import cn.xinyong.openapi.platform.search.IndexManager;
import cn.xinyong.openapi.platform.search.SearchGateway;
import cn.xinyong.openapi.platform.search.SearchPages;
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

    /** A page of entries and the next cursor. */
    public record Page(List<ListViews.Entry> items, String nextCursor, long total, boolean totalExact) {
    }

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private final SearchGateway search;
    private final SearchPages pages;
    private final IndexManager indices;
    private final EntityStore store;
    private final TimeSource time;

    ListService(SearchGateway search, SearchPages pages, IndexManager indices, EntityStore store, TimeSource time) {
        this.search = search;
        this.pages = pages;
        this.indices = indices;
        this.store = store;
        this.time = time;
    }

    public Uni<List<ListViews.CatalogEntry>> catalogue() {
        LocalDate today = time.today();
        ObjectNode body = JSON.objectNode().put("size", 0);
        body.set("query", PublicQueries.publicBool(Dataset.LIST_ENTRY, today));
        ObjectNode aggs = body.putObject("aggs").putObject("lists");
        aggs.putObject("terms").put("field", "list").put("size", 100);
        ObjectNode current = aggs.putObject("aggs").putObject("current");
        ObjectNode currentBool = current.putObject("filter").putObject("bool");
        PublicQueries.currentListEntries(currentBool, today);
        return search.search(indices.alias(Dataset.LIST_ENTRY), body).map(response -> {
            Map<String, long[]> counts = new HashMap<>();
            for (JsonNode b : response.path("aggregations").path("lists").path("buckets")) {
                counts.put(b.path("key").asText(), new long[] {b.path("current").path("doc_count").asLong(),
                    b.path("doc_count").asLong()});
            }
            List<ListViews.CatalogEntry> out = new ArrayList<>();
            for (ListCatalog.ListDefinition d : ListCatalog.LISTS) {
                long[] c = counts.getOrDefault(d.code(), new long[2]);
                out.add(new ListViews.CatalogEntry(d, c[0], c[1]));
            }
            return out;
        });
    }

    public Uni<Page> entries(String list, EntryFilter f, int limit, String cursor) {
        LocalDate today = time.today();
        ObjectNode query = PublicQueries.publicBool(Dataset.LIST_ENTRY, today);
        ObjectNode bool = (ObjectNode) query.get("bool");
        ArrayNode filter = bool.withArray("filter");
        filter.add(PublicQueries.term("list", list));
        if (f.authority() != null) {
            filter.add(PublicQueries.term("authority", f.authority()));
        }
        if (f.region() != null) {
            filter.add(PublicQueries.term("regionPath", f.region()));
        }
        if (f.subject() != null) {
            filter.add(PublicQueries.term("subjectId", f.subject()));
        }
        if (f.listedFrom() != null) {
            filter.add(PublicQueries.range("listedOn", "gte", f.listedFrom().toString()));
        }
        if (f.listedTo() != null) {
            filter.add(PublicQueries.range("listedOn", "lte", f.listedTo().toString()));
        }
        if ("active".equals(f.state())) {
            PublicQueries.currentListEntries(bool, today);
        } else if ("removed".equals(f.state())) {
            PublicQueries.pastListEntries(bool, today);
        }
        ArrayNode sort = JSON.arrayNode();
        sort.addObject().put("listedOn", "desc");
        sort.addObject().put("id", "asc");
        String fingerprint = CursorCodec.fingerprint("list-entries", list, f.toString(), today.toString());
        return pages.page(indices.alias(Dataset.LIST_ENTRY), query, sort, fingerprint, limit, cursor)
                .map(p -> new Page(p.sources().stream().map(s -> entryOf(s, today)).toList(), p.nextCursor(), p.total(),
                        p.totalExact()));
    }

    /** Every membership of the subject, from its Redis document; null when the subject is unknown. */
    public Uni<ListViews.Memberships> memberships(String uscc) {
        LocalDate today = time.today();
        return store.subject(uscc).map(fields -> {
            if (fields.isEmpty()) {
                return null;
            }
            List<ListViews.Entry> current = new ArrayList<>();
            List<ListViews.Entry> past = new ArrayList<>();
            fields.forEach((field, value) -> {
                if (field.startsWith(Dataset.LIST_ENTRY.feedName() + ":") && !value.json().path("withdrawn").asBoolean()) {
                    ListViews.Entry e = entryOf(value.json(), today);
                    (e.current() ? current : past).add(e);
                }
            });
            Comparator<ListViews.Entry> newestFirst = Comparator.comparing(ListViews.Entry::listedOn).reversed();
            current.sort(newestFirst);
            past.sort(newestFirst);
            return new ListViews.Memberships(uscc, current, past);
        });
    }

    /** The view of a list entry document (search source or Redis summary). */
    public static ListViews.Entry entryOf(JsonNode s, LocalDate today) {
        String list = s.path("list").asText();
        LocalDate listed = date(s, "listedOn");
        LocalDate removeBy = date(s, "removeBy");
        LocalDate removed = date(s, "removedOn");
        return new ListViews.Entry(s.path("id").asText(), list,
                ListCatalog.byCode(list).map(ListCatalog.ListDefinition::name).orElse(list),
                text(s, "subjectId"), text(s, "subjectName"), text(s, "reason"), text(s, "authority"),
                text(s, "authorityCode"), text(s, "legalBasis"), listed, removeBy, removed,
                PublicationRules.listMembershipCurrent(listed, removeBy, removed, false, today));
    }


}
