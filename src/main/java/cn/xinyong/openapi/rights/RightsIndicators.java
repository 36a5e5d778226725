package cn.xinyong.openapi.rights;

import cn.xinyong.openapi.platform.CallerContext;
import cn.xinyong.openapi.platform.db.Database;
import cn.xinyong.openapi.platform.TimeSource;
import cn.xinyong.openapi.platform.search.SearchGateway;
import cn.xinyong.openapi.readmodel.Dataset;
import cn.xinyong.openapi.readmodel.IndexManager;
import cn.xinyong.openapi.readmodel.PublicationRules;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The plans' indicators for subjects' rights: 信用异议发生率 (objections per published record; target ≤ 0.01%),
 * time to decision, and 信用修复通过率 (approved repairs among decided ones; target ≥ 98%).
 */
@ApplicationScoped
public class RightsIndicators {

    static final List<Dataset> PUBLISHED = List.of(Dataset.LICENCE, Dataset.PENALTY, Dataset.COMMITMENT, Dataset.LIST_ENTRY);
    private static final String FINAL = "('refused', 'upheld', 'dismissed')";

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ApplicationCounts", description = "Applications of one kind and how they were decided")
    public record Counts(long filed, long open, long decided, long upheld, long refused, long dismissed,
            @Schema(description = "Mean hours from submission to the final decision") Double meanHoursToDecision,
            @Schema(description = "Median hours from submission to the final decision") Double medianHoursToDecision) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "RightsIndicators", description = "The plans' indicators for objections (异议) and repair (信用修复)")
    public record Indicators(Instant asOf,
            @Schema(description = "Published records now (licences, penalties still public, commitments, list entries)")
            long publishedRecords,
            Counts objections, Counts repairs,
            @Schema(description = "信用异议发生率: objections filed per published record (the plans: at most 0.0001)")
            Double objectionRate,
            @Schema(description = "信用修复通过率: approved (upheld) repairs among decided ones (the plans: at least 0.98)")
            Double repairPassRate) {
    }

    private final SearchGateway search;
    private final IndexManager indices;
    private final TimeSource time;

    RightsIndicators(SearchGateway search, IndexManager indices, TimeSource time) {
        this.search = search;
        this.indices = indices;
        this.time = time;
    }

    public Uni<Indicators> now() {
        java.util.concurrent.Executor back = CallerContext.executor();
        LocalDate today = time.today();
        return published(today).emitOn(back).flatMap(published -> Database.session(() -> counts()).map(byKind -> {
            Counts objections = byKind.getOrDefault(ApplicationService.OBJECTION, empty());
            Counts repairs = byKind.getOrDefault(ApplicationService.REPAIR, empty());
            return new Indicators(time.now(), published, objections, repairs,
                    published == 0 ? null : (double) objections.filed() / published,
                    repairs.decided() == 0 ? null : (double) repairs.upheld() / repairs.decided());
        }));
    }

    private static Counts empty() {
        return new Counts(0, 0, 0, 0, 0, 0, null, null);
    }

    private Uni<Long> published(LocalDate today) {
        Uni<Long> total = Uni.createFrom().item(0L);
        for (Dataset dataset : PUBLISHED) {
            com.fasterxml.jackson.databind.node.ObjectNode body = com.fasterxml.jackson.databind.node.JsonNodeFactory
                    .instance.objectNode();
            body.set("query", PublicationRules.publicBool(dataset, today));
            Uni<Long> count = search.send("POST", "/" + indices.alias(dataset) + "/_count", body)
                    .map(r -> r.path("count").asLong());
            total = total.flatMap(sum -> count.map(n -> sum + n));
        }
        return total;
    }

    private Uni<Map<String, Counts>> counts() {
        String sql = "SELECT kind, count(*), count(*) FILTER (WHERE status NOT IN " + FINAL + "), "
                + "count(*) FILTER (WHERE status IN " + FINAL + "), count(*) FILTER (WHERE status = 'upheld'), "
                + "count(*) FILTER (WHERE status = 'refused'), count(*) FILTER (WHERE status = 'dismissed'), "
                + "avg(extract(epoch FROM updated_at - submitted_at)) FILTER (WHERE status IN " + FINAL + "), "
                + "percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM updated_at - submitted_at)) "
                + "FILTER (WHERE status IN " + FINAL + ") FROM rights_application GROUP BY kind";
        return Panache.getSession().flatMap(s -> s.createNativeQuery(sql, Object[].class).getResultList()).map(rows -> {
            Map<String, Counts> out = new java.util.HashMap<>();
            for (Object[] row : rows) {
                out.put((String) row[0], new Counts(number(row[1]), number(row[2]), number(row[3]), number(row[4]),
                        number(row[5]), number(row[6]), hours(row[7]), hours(row[8])));
            }
            return out;
        });
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static Double hours(Object seconds) {
        return seconds == null ? null : Math.round(((Number) seconds).doubleValue() / 36.0) / 100.0;
    }
}
