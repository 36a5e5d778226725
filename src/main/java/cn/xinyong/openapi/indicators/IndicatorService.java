package cn.xinyong.openapi.indicators;

import cn.xinyong.openapi.eligibility.Scheme;
import cn.xinyong.openapi.eligibility.SchemeCatalog;
import cn.xinyong.openapi.platform.TimeSource;
import cn.xinyong.openapi.platform.search.SearchGateway;
import cn.xinyong.openapi.readmodel.Dataset;
import cn.xinyong.openapi.readmodel.IndexManager;
import cn.xinyong.openapi.readmodel.PublicationRules;
import cn.xinyong.openapi.readmodel.WorkingDays;
import cn.xinyong.openapi.readmodel.record.ListCatalog;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The plans' indicators, each one search per dataset in one multi-search: 双公示 timeliness (及时率) from the working
 * days stored with each decision, and the shares of subjects on serious-dishonesty and black lists, with
 * commitments, and 信易+ coverage.
 */
@ApplicationScoped
public class IndicatorService {

    /** The plans' target for 信易+ domains. */
    static final int XINYI_TARGET = 15;
    private static final int EXACT_UP_TO = 40_000;
    private static final List<Dataset> DISCLOSED = List.of(Dataset.LICENCE, Dataset.PENALTY);

    private final SearchGateway search;
    private final IndexManager indices;
    private final SchemeCatalog schemes;
    private final TimeSource time;
    private final ObjectMapper mapper;

    IndicatorService(SearchGateway search, IndexManager indices, SchemeCatalog schemes, TimeSource time,
            ObjectMapper mapper) {
        this.search = search;
        this.indices = indices;
        this.schemes = schemes;
        this.time = time;
        this.mapper = mapper;
    }

    /** 双公示 timeliness of the decisions taken from {@code from} to {@code to}, optionally in one region. */
    public Uni<IndicatorViews.Disclosure> disclosure(LocalDate from, LocalDate to, String region) {
        List<SearchGateway.Search> body = new ArrayList<>();
        for (Dataset d : DISCLOSED) {
            ObjectNode q = mapper.createObjectNode().put("size", 0).put("track_total_hits", true);
            ObjectNode bool = q.putObject("query").putObject("bool");
            ArrayNode filter = bool.putArray("filter");
            filter.add(range("decisionDate", from, to));
            filter.addObject().putObject("exists").put("field", "publicationWorkingDays");
            regionFilter(filter, region);
            if (d == Dataset.PENALTY) {
                bool.putArray("must_not").add(PublicationRules.term("severity", "simple"));
            }
            ObjectNode aggs = q.putObject("aggs");
            timely(aggs);
            for (String[] group : new String[][] {{"byAuthority", "authority", "100"}, {"byDistrict", "regionCode", "500"}}) {
                ObjectNode terms = aggs.putObject(group[0]);
                terms.putObject("terms").put("field", group[1]).put("size", Integer.parseInt(group[2]));
                timely(terms.putObject("aggs"));
            }
            add(body, d, q);
        }
        return search.multiSearch(body).map(r -> {
            List<IndicatorViews.Timeliness> out = new ArrayList<>();
            for (int i = 0; i < DISCLOSED.size(); i++) {
                JsonNode a = r.path("responses").path(i);
                long published = a.path("hits").path("total").path("value").asLong();
                long timely = a.path("aggregations").path("timely").path("doc_count").asLong();
                out.add(new IndicatorViews.Timeliness(DISCLOSED.get(i).path(), published, timely, rate(timely, published),
                        groups(a.path("aggregations").path("byAuthority")), groups(a.path("aggregations").path("byDistrict"))));
            }
            return new IndicatorViews.Disclosure(from, to, WorkingDays.PUBLICATION_DEADLINE,
                    "Licences and penalties (not 简易程序) decided in the period that state their publication date; "
                            + "timely when published within " + WorkingDays.PUBLICATION_DEADLINE + " working days after "
                            + "the decision (weekends and national holidays excluded, 调休 weekend days counted).",
                    out);
        });
    }

    /** The credit indicators today, optionally in one region. */
    public Uni<IndicatorViews.Credit> credit(String region) {
        LocalDate today = time.today();
        List<SearchGateway.Search> body = new ArrayList<>();
        ObjectNode entities = count();
        ArrayNode ef = entities.with("query").with("bool").withArray("filter");
        ef.add(PublicationRules.term("status", "active")).add(PublicationRules.term("withdrawn", "false"));
        regionFilter(ef, region);
        add(body, Dataset.ENTITY, entities);

        ObjectNode lists = count();
        ObjectNode lb = lists.with("query").with("bool");
        PublicationRules.currentListEntries(lb, today);
        lb.withArray("filter").add(PublicationRules.term("withdrawn", "false"));
        regionFilter(lb.withArray("filter"), region);
        ObjectNode aggs = lists.putObject("aggs");
        distinct(aggs.putObject("serious"), PublicationRules.term("list", "seriousDishonesty"));
        ObjectNode black = mapper.createObjectNode();
        ArrayNode blackCodes = black.putObject("terms").putArray("list");
        ListCatalog.all().stream().filter(l -> "black".equals(l.kind())).forEach(l -> blackCodes.add(l.code()));
        distinct(aggs.putObject("black"), black);
        add(body, Dataset.LIST_ENTRY, lists);

        ObjectNode commitments = count();
        ObjectNode cb = commitments.with("query").with("bool");
        PublicationRules.publicOnly(cb, Dataset.COMMITMENT, today);
        regionFilter(cb.withArray("filter"), region);
        distinct(commitments.putObject("aggs").putObject("all"), PublicationRules.term("withdrawn", "false"));
        add(body, Dataset.COMMITMENT, commitments);

        return search.multiSearch(body).map(r -> {
            JsonNode rs = r.path("responses");
            long active = rs.path(0).path("hits").path("total").path("value").asLong();
            long serious = subjects(rs.path(1).path("aggregations").path("serious"));
            long blackListed = subjects(rs.path(1).path("aggregations").path("black"));
            long committed = subjects(rs.path(2).path("aggregations").path("all"));
            List<String> names = schemes.all().values().stream().map(Scheme::name).toList();
            return new IndicatorViews.Credit(today, region, active,
                    IndicatorViews.Share.of(serious, active, "Distinct subjects with a current membership of 严重失信主体名单"),
                    IndicatorViews.Share.of(blackListed, active,
                            "Distinct subjects with a current membership of any black list in the list catalogue"),
                    IndicatorViews.Share.of(committed, active, "Distinct subjects with a published 信用承诺"),
                    new IndicatorViews.XinyiCoverage(names.size(), XINYI_TARGET, names.size() >= XINYI_TARGET, names),
                    "exact up to " + EXACT_UP_TO + " distinct subjects, approximate (HyperLogLog++, under 1% error) above");
        });
    }

    private ObjectNode count() {
        return mapper.createObjectNode().put("size", 0).put("track_total_hits", true);
    }

    private void distinct(ObjectNode agg, ObjectNode filter) {
        agg.set("filter", filter);
        agg.putObject("aggs").putObject("subjects").putObject("cardinality").put("field", "subjectId")
                .put("precision_threshold", EXACT_UP_TO);
    }

    private static long subjects(JsonNode agg) {
        return agg.path("subjects").path("value").asLong();
    }

    private void timely(ObjectNode aggs) {
        aggs.putObject("timely").putObject("filter").putObject("range").putObject("publicationWorkingDays")
                .put("gte", 0).put("lte", WorkingDays.PUBLICATION_DEADLINE);
    }

    private static void regionFilter(ArrayNode filter, String region) {
        if (region != null) {
            filter.add(PublicationRules.term("regionPath", region));
        }
    }

    private ObjectNode range(String field, LocalDate from, LocalDate to) {
        ObjectNode n = mapper.createObjectNode();
        n.putObject("range").putObject(field).put("gte", from.toString()).put("lte", to.toString());
        return n;
    }

    private static List<IndicatorViews.Group> groups(JsonNode terms) {
        List<IndicatorViews.Group> out = new ArrayList<>();
        terms.path("buckets").forEach(b -> {
            long published = b.path("doc_count").asLong();
            long timely = b.path("timely").path("doc_count").asLong();
            out.add(new IndicatorViews.Group(b.path("key").asText(), published, timely, rate(timely, published)));
        });
        return out;
    }

    static Double rate(long part, long whole) {
        return whole == 0 ? null : Math.round(1_000_000.0 * part / whole) / 1_000_000.0;
    }

    private void add(List<SearchGateway.Search> body, Dataset d, ObjectNode query) {
        body.add(new SearchGateway.Search(indices.alias(d), query));
    }
}
