package cn.xinyong.openapi.catalogue;

import cn.xinyong.openapi.platform.TimeSource;
import cn.xinyong.openapi.platform.search.SearchGateway;
import cn.xinyong.openapi.platform.web.ApiDefinition;
import cn.xinyong.openapi.readmodel.Dataset;
import cn.xinyong.openapi.readmodel.IndexManager;
import cn.xinyong.openapi.readmodel.PublicationRules;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The dataset catalogue: the descriptions, with each dataset's public record count and last change from its index. */
@ApplicationScoped
public class CatalogueService {

    private final Map<Dataset, DatasetDescriptions.Description> descriptions;
    private final SearchGateway search;
    private final IndexManager indices;
    private final TimeSource time;
    private final ObjectMapper mapper;

    CatalogueService(ObjectMapper mapper, SearchGateway search, IndexManager indices, TimeSource time) {
        this.descriptions = DatasetDescriptions.load(mapper);
        this.search = search;
        this.indices = indices;
        this.time = time;
        this.mapper = mapper;
    }

    /** The catalogue, with links under {@code base} (the service's public address). */
    public Uni<CatalogueViews.Catalogue> catalogue(String base) {
        LocalDate today = time.today();
        List<Dataset> datasets = List.copyOf(descriptions.keySet());
        List<SearchGateway.Search> searches = new ArrayList<>();
        for (Dataset d : datasets) {
            ObjectNode query = mapper.createObjectNode().put("size", 0).put("track_total_hits", true);
            query.set("query", PublicationRules.publicBool(d, today));
            query.putObject("aggs").putObject("modified").putObject("max").put("field", "updatedAt");
            searches.add(new SearchGateway.Search(indices.alias(d), query));
        }
        return search.multiSearch(searches).map(r -> {
            List<CatalogueViews.Dataset> out = new ArrayList<>();
            for (int i = 0; i < datasets.size(); i++) {
                JsonNode answer = r.path("responses").path(i);
                JsonNode max = answer.path("aggregations").path("modified").path("value");
                Instant modified = max.isNumber() ? Instant.ofEpochMilli(max.asLong()) : null;
                out.add(dataset(datasets.get(i), base, modified, answer.path("hits").path("total").path("value").asLong()));
            }
            return new CatalogueViews.Catalogue(new CatalogueViews.Text("公共信用信息目录", "Public credit information catalogue"),
                    new CatalogueViews.Text("本市公共信用信息开放数据：双公示、红黑名单、信用承诺和市场主体登记信息。",
                            "The city's open public credit data: 双公示 decisions, red and black lists, credit commitments "
                                    + "and entity registrations."),
                    "信用信息共享平台", ApiDefinition.DATA_LICENCE, base + "/docs", out);
        });
    }

    private CatalogueViews.Dataset dataset(Dataset d, String base, Instant modified, long records) {
        DatasetDescriptions.Description text = descriptions.get(d);
        String p = d.path();
        List<CatalogueViews.Distribution> distributions = List.of(
                new CatalogueViews.Distribution("Change feed (变更订阅): upserts and withdrawals from a position",
                        "application/json", base + "/v1/feeds/" + p),
                new CatalogueViews.Distribution("Full export, NDJSON (全量导出)", "application/x-ndjson",
                        base + "/v1/exports/" + p + ".ndjson"),
                new CatalogueViews.Distribution("Full export, CSV (UTF-8 with BOM)", "text/csv",
                        base + "/v1/exports/" + p + ".csv"),
                new CatalogueViews.Distribution("Full export, gzipped NDJSON", "application/gzip",
                        base + "/v1/exports/" + p + ".ndjson.gz"),
                new CatalogueViews.Distribution("Signed full dumps (全量数据包) and their manifest", "application/json",
                        base + "/v1/dumps"),
                new CatalogueViews.Distribution("Statistics (统计)", "application/json", base + "/v1/statistics/" + p));
        return new CatalogueViews.Dataset(p, text.title(), text.description(), text.keywords(), ApiDefinition.DATA_LICENCE,
                "continuous: every change in the feed within seconds; full dumps about every 8 hours", modified, records,
                text.fields(), distributions);
    }
}
