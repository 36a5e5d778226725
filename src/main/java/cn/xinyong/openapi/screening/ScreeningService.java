package cn.xinyong.openapi.screening;

import cn.xinyong.openapi.platform.TimeSource;
import cn.xinyong.openapi.platform.search.SearchGateway;
import cn.xinyong.openapi.readmodel.Dataset;
import cn.xinyong.openapi.readmodel.IndexManager;
import cn.xinyong.openapi.readmodel.PublicationRules;
import cn.xinyong.openapi.readmodel.SubjectDocument;
import cn.xinyong.openapi.readmodel.SubjectStore;
import cn.xinyong.openapi.readmodel.record.EntityRecord;
import cn.xinyong.openapi.readmodel.record.ListEntryRecord;
import cn.xinyong.openapi.readmodel.view.ListEntryView;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Batch screening (信用核查): codes are looked up exactly; names are searched in one multi-search and
 * scored with {@link NameMatcher}; every candidate's list memberships then come from Redis in one
 * pipelined round trip. Two backend round trips for the whole batch.
 */
@ApplicationScoped
public class ScreeningService {

    /** A validated subject: its input position and either a code or a name. */
    public record Item(int index, ScreeningViews.Subject input, String uscc, String name, String region) {
    }

    private record Candidate(String uscc, String name, double score) {
    }

    private final SearchGateway search;
    private final IndexManager indices;
    private final SubjectStore store;
    private final TimeSource time;
    private final ObjectMapper mapper;

    ScreeningService(SearchGateway search, IndexManager indices, SubjectStore store, TimeSource time, ObjectMapper mapper) {
        this.search = search;
        this.indices = indices;
        this.store = store;
        this.time = time;
        this.mapper = mapper;
    }

    public Uni<List<ScreeningViews.Result>> screen(List<Item> items, Set<String> lists, double minScore, int maxMatches) {
        List<Item> byName = items.stream().filter(i -> i.name() != null).toList();
        return candidates(byName, minScore, maxMatches).flatMap(nameMatches -> {
            Set<String> codes = new LinkedHashSet<>();
            items.stream().filter(i -> i.uscc() != null).forEach(i -> codes.add(i.uscc()));
            nameMatches.values().forEach(cs -> cs.forEach(c -> codes.add(c.uscc())));
            List<String> ordered = new ArrayList<>(codes);
            return store.subjects(ordered).map(docs -> {
                Map<String, SubjectDocument> byCode = new LinkedHashMap<>();
                for (int i = 0; i < ordered.size(); i++) {
                    byCode.put(ordered.get(i), docs.get(i));
                }
                LocalDate today = time.today();
                List<ScreeningViews.Result> results = new ArrayList<>(items.size());
                for (Item item : items) {
                    List<Candidate> cands = item.uscc() != null
                            ? List.of(new Candidate(item.uscc(), null, 1.0))
                            : nameMatches.getOrDefault(item.index(), List.of());
                    List<ScreeningViews.Match> matches = new ArrayList<>();
                    for (Candidate c : cands) {
                        SubjectDocument doc = byCode.get(c.uscc());
                        if (doc == null || doc.isEmpty()) {
                            continue;
                        }
                        String name = c.name() != null ? c.name() : doc.entity().map(EntityRecord::name).orElse(null);
                        matches.add(new ScreeningViews.Match(c.uscc(), name, c.score(), listings(doc, lists, today)));
                    }
                    String status = status(matches);
                    results.add(new ScreeningViews.Result(item.index(), item.input(), status, matches, null));
                }
                return results;
            });
        });
    }

    /**
     * notFound, listed, clear, or suspended: every current listing found is under objection review (异议核查中),
     * so the punishments it would bring are suspended, not applied.
     */
    static String status(List<ScreeningViews.Match> matches) {
        if (matches.isEmpty()) {
            return "notFound";
        }
        List<ListEntryView> all = matches.stream().flatMap(m -> m.listings().stream()).toList();
        if (all.isEmpty()) {
            return "clear";
        }
        return all.stream().allMatch(l -> l.disputedSince() != null) ? "suspended" : "listed";
    }

    private static List<ListEntryView> listings(SubjectDocument doc, Set<String> lists, LocalDate today) {
        List<ListEntryView> out = new ArrayList<>();
        for (SubjectDocument.Entry<ListEntryRecord> e : doc.listEntries()) {
            if (!e.withdrawn() && lists.contains(e.record().list())
                    && PublicationRules.listMembershipCurrent(e.record(), today)) {
                out.add(cn.xinyong.openapi.readmodel.PublicViews.listEntry(doc, e, today));
            }
        }
        out.sort(Comparator.comparing(ListEntryView::listedOn).reversed());
        return out;
    }

    /**
     * Name candidates per item index, best first, at or above the minimum score. Every name is first looked for
     * with all the bigrams of its distinctive part, which is cheap on a large index and finds every variant that
     * normalisation and the index's folding make equal; only the names that found nothing that way are looked for
     * again, allowing a one-character slip.
     */
    private Uni<Map<Integer, List<Candidate>>> candidates(List<Item> byName, double minScore, int maxMatches) {
        if (byName.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return candidates(byName, minScore, maxMatches, false).flatMap(strict -> {
            List<Item> missed = byName.stream().filter(i -> strict.get(i.index()).isEmpty()).toList();
            if (missed.isEmpty()) {
                return Uni.createFrom().item(strict);
            }
            return candidates(missed, minScore, maxMatches, true).map(relaxed -> {
                Map<Integer, List<Candidate>> out = new LinkedHashMap<>(strict);
                out.putAll(relaxed);
                return out;
            });
        });
    }

    private Uni<Map<Integer, List<Candidate>>> candidates(List<Item> byName, double minScore, int maxMatches,
            boolean allowSlip) {
        List<SearchGateway.Search> searches = new ArrayList<>();
        for (Item item : byName) {
            searches.add(new SearchGateway.Search(indices.alias(Dataset.ENTITY), nameQuery(item, maxMatches, allowSlip)));
        }
        return search.multiSearch(searches).map(response -> {
            Map<Integer, List<Candidate>> out = new LinkedHashMap<>();
            JsonNode responses = response.path("responses");
            for (int i = 0; i < byName.size(); i++) {
                Item item = byName.get(i);
                List<Candidate> cands = new ArrayList<>();
                for (JsonNode hit : responses.path(i).path("hits").path("hits")) {
                    String name = hit.path("_source").path("name").asText();
                    double score = NameMatcher.score(item.name(), name);
                    if (score >= minScore) {
                        cands.add(new Candidate(hit.path("_source").path("uscc").asText(), name, score));
                    }
                }
                cands.sort(Comparator.comparingDouble(Candidate::score).reversed().thenComparing(Candidate::uscc));
                out.put(item.index(), cands.subList(0, Math.min(maxMatches, cands.size())));
            }
            return out;
        });
    }

    private ObjectNode nameQuery(Item item, int maxMatches, boolean allowSlip) {
        ObjectNode q = mapper.createObjectNode();
        q.put("size", Math.max(5, maxMatches * 2));
        q.put("track_total_hits", false);
        q.putArray("_source").add("uscc").add("name");
        ObjectNode bool = q.putObject("query").putObject("bool");
        // Every bigram of the distinctive part must be there: variants differ in width, script, brackets, form and
        // region, which normalisation and the index's folding remove; that spares OpenSearch the long tails of
        // common bigrams (商贸, 科技) on a large index. Allowing a slip, most must: a one-character slip loses at
        // most two bigrams, which the 40% allowance keeps (a two-bigram core must match whole).
        ObjectNode match = bool.putArray("must").addObject().putObject("match").putObject("name")
                .put("query", NameMatcher.searchCore(item.name()));
        if (allowSlip) {
            match.put("minimum_should_match", "2<-40%");
        } else {
            match.put("operator", "and");
        }
        bool.putArray("should").addObject().putObject("match_phrase").putObject("name")
                .put("query", NameMatcher.normalise(item.name())).put("boost", 2);
        var filter = bool.putArray("filter");
        filter.addObject().putObject("term").put("withdrawn", false);
        if (item.region() != null) {
            filter.addObject().putObject("term").put("regionPath", item.region());
        }
        return q;
    }

}
