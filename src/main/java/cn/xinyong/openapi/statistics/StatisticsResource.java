package cn.xinyong.openapi.statistics;

import cn.xinyong.openapi.platform.web.RateLimitGroup;
import cn.xinyong.openapi.platform.TimeSource;
import cn.xinyong.openapi.platform.problem.ApiProblem;
import cn.xinyong.openapi.platform.problem.Problem;
import cn.xinyong.openapi.platform.problem.ProblemType;
import cn.xinyong.openapi.platform.search.SearchGateway;
import cn.xinyong.openapi.platform.web.Caching;
import cn.xinyong.openapi.platform.web.Params;
import cn.xinyong.openapi.readmodel.Dataset;
import cn.xinyong.openapi.readmodel.IndexManager;
import cn.xinyong.openapi.readmodel.PublicationRules;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Open-data statistics for dashboards: counts of public records by list, authority, region or month, of every
 * public record or only those in force today, optionally within a date range.
 */
@RateLimitGroup(RateLimitGroup.SEARCH)
@Path("/v1/statistics")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "statistics", description = "开放数据统计: counts of public records for dashboards")
@PermitAll
public class StatisticsResource {

    /** One bucket. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    @Schema(name = "CountBucket")
    public record Bucket(@Schema(description = "list code, authority, region code or yyyy-MM") String key, long count) {
    }

    /** The counts of one dataset by one dimension. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    @Schema(name = "Statistics")
    public record Counts(String dataset, String by,
            @Schema(description = "all or current", enumeration = {"all", "current"}) String state,
            @Schema(description = "First date counted, when limited") LocalDate from,
            @Schema(description = "Last date counted, when limited") LocalDate to,
            long total, List<Bucket> buckets) {
    }

    private final SearchGateway search;
    private final IndexManager indices;
    private final TimeSource time;
    private final ObjectMapper mapper;

    StatisticsResource(SearchGateway search, IndexManager indices, TimeSource time, ObjectMapper mapper) {
        this.search = search;
        this.indices = indices;
        this.time = time;
        this.mapper = mapper;
    }

    @GET
    @Path("/{dataset}")
    @Operation(operationId = "countRecords", summary = "Counts of public records by a dimension (统计)",
            description = "by=authority (top 100), region (province, city or district level), month (of the decision "
                    + "or listing date) or list (list-entries only).")
    @APIResponse(responseCode = "200", description = "Buckets, largest or earliest first",
            content = @Content(schema = @Schema(implementation = Counts.class)))
    @APIResponse(responseCode = "400", description = "Unknown dimension or level",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Unknown dataset",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> counts(
            @Parameter(description = "licences, penalties, commitments, list-entries or entities") @PathParam("dataset") String name,
            @Parameter(description = "authority, region, month or list",
                    schema = @Schema(enumeration = {"authority", "region", "month", "list"})) @QueryParam("by") String by,
            @Parameter(description = "For by=region: province, city or district (default city)")
            @QueryParam("level") String level,
            @Parameter(description = "all (default): every public record; current: only those in force today (current "
                    + "list memberships, licences within their validity, active entities, commitments being fulfilled; "
                    + "penalties are in force while published)", schema = @Schema(enumeration = {"all", "current"}))
            @QueryParam("state") String state,
            @Parameter(description = "Only records whose date (decision, listing, commitment or registration) is on or "
                    + "after this day") @QueryParam("from") String from,
            @Parameter(description = "Only records whose date is on or before this day") @QueryParam("to") String to) {
        Dataset dataset = Dataset.byPath(name).orElseThrow(() -> new ApiProblem(ProblemType.NOT_FOUND,
                "No dataset '" + name + "'", List.of(new Problem.FieldError("dataset", "unknown"))));
        String field = switch (by == null ? "" : by) {
            case "authority" -> dataset == Dataset.ENTITY ? null : "authority";
            case "region" -> "regionCode";
            case "list" -> dataset == Dataset.LIST_ENTRY ? "list" : null;
            case "month" -> dataset.dateField();
            default -> null;
        };
        if (field == null) {
            throw ApiProblem.invalidField("by", "must be authority, region, month" + (dataset == Dataset.LIST_ENTRY
                    ? " or list" : "") + " for " + dataset.path());
        }
        int prefix = switch (level == null ? "city" : level) {
            case "province" -> 2;
            case "city" -> 4;
            case "district" -> 6;
            default -> throw ApiProblem.invalidField("level", "must be province, city or district");
        };
        Params params = new Params();
        String inForce = params.oneOf("state", state == null ? "all" : state, List.of("all", "current"));
        LocalDate first = params.date("from", from);
        LocalDate last = params.date("to", to);
        params.range("from", first, "to", last);
        params.check();
        LocalDate today = time.today();
        ObjectNode body = mapper.createObjectNode().put("size", 0).put("track_total_hits", true);
        ObjectNode query = PublicationRules.publicBool(dataset, today);
        ObjectNode bool = (ObjectNode) query.path("bool");
        if ("current".equals(inForce)) {
            PublicationRules.inForce(bool, dataset, today);
        }
        if (first != null || last != null) {
            ObjectNode range = bool.withArray("filter").addObject().putObject("range").putObject(dataset.dateField());
            if (first != null) {
                range.put("gte", first.toString());
            }
            if (last != null) {
                range.put("lte", last.toString());
            }
        }
        body.set("query", query);
        ObjectNode agg = body.putObject("aggs").putObject("by");
        if ("month".equals(by)) {
            agg.putObject("date_histogram").put("field", field).put("calendar_interval", "month").put("format", "yyyy-MM")
                    .put("min_doc_count", 1);
        } else {
            agg.putObject("terms").put("field", field).put("size", "region".equals(by) ? 5000 : 100);
        }
        return search.search(indices.alias(dataset), body).map(r -> {
            List<Bucket> buckets = new ArrayList<>();
            JsonNode raw = r.path("aggregations").path("by").path("buckets");
            if ("region".equals(by)) {
                Map<String, Long> grouped = new TreeMap<>();
                raw.forEach(b -> grouped.merge(b.path("key").asText().substring(0, prefix), b.path("doc_count").asLong(), Long::sum));
                grouped.forEach((k, v) -> buckets.add(new Bucket(k, v)));
                buckets.sort((a, b) -> Long.compare(b.count(), a.count()));
            } else {
                raw.forEach(b -> buckets.add(new Bucket(b.has("key_as_string") ? b.path("key_as_string").asText()
                        : b.path("key").asText(), b.path("doc_count").asLong())));
            }
            Counts counts = new Counts(dataset.path(), by, inForce, first, last, r.path("hits").path("total").path("value").asLong(), buckets);
            return Response.ok(counts).header("Cache-Control", Caching.publicFor(300)).build();
        });
    }
}
