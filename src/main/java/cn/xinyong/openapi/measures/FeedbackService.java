package cn.xinyong.openapi.measures;

import cn.xinyong.openapi.platform.TimeSource;
import cn.xinyong.openapi.platform.problem.ApiProblem;
import cn.xinyong.openapi.platform.problem.Problem;
import cn.xinyong.openapi.platform.problem.ProblemType;
import cn.xinyong.openapi.platform.security.DecisionSigner;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;

/**
 * Execution feedback (执行反馈): the checking system reports, by decision id and with the decision's token
 * as proof, what it did. The token tells which partner the decision was made for and what it said, so
 * nothing has to be stored at check time; a replay of the same report changes nothing.
 */
@ApplicationScoped
public class FeedbackService {

    private static final Map<String, String> DIMENSIONS = Map.of(
            "measure", "unnest(string_to_array(measures, ','))",
            "matter", "matter",
            "authority", "partner_id",
            "month", "to_char(decided_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')");
    private static final String COLUMNS = "decision_id, partner_id, subject, matter, decision, measures, outcome, reason, "
            + "approval_reference, decided_at, reported_at";

    /** The stored feedback and whether this report created it. */
    public record Stored(MeasureViews.Feedback feedback, boolean created) {
    }

    private final Pool pool;
    private final DecisionSigner signer;
    private final TimeSource time;

    FeedbackService(Pool pool, DecisionSigner signer, TimeSource time) {
        this.pool = pool;
        this.signer = signer;
        this.time = time;
    }

    /**
     * Stores the report: 404 when the token does not prove a decision with this id, 403 when the decision was
     * made for another partner, 409 when a different report for it exists already.
     */
    public Uni<Stored> report(String decisionId, String partner, MeasureViews.FeedbackRequest r) {
        JwtClaims claims = signer.verify(r.token()).filter(c -> decisionId.equals(jti(c)) && c.hasClaim("matter"))
                .orElseThrow(() -> new ApiProblem(ProblemType.NOT_FOUND, "No decision " + decisionId
                        + " was made by this service with the token given", List.of(new Problem.FieldError("token",
                                "does not prove decision " + decisionId))));
        if (!partner.equals(claims.getClaimValueAsString("partner"))) {
            throw new ApiProblem(ProblemType.FORBIDDEN, "Decision " + decisionId + " was made for another partner");
        }
        Instant decidedAt;
        String subject;
        try {
            decidedAt = Instant.ofEpochSecond(claims.getIssuedAt().getValue());
            subject = claims.getSubject();
        } catch (MalformedClaimException e) {
            throw new ApiProblem(ProblemType.NOT_FOUND, "The token does not prove a decision");
        }
        String measures = String.join(",", claims.getClaimValue("applies") instanceof List<?> l
                ? l.stream().map(String::valueOf).toList() : List.of());
        Instant now = time.now().truncatedTo(ChronoUnit.MICROS);
        Tuple values = Tuple.tuple(Arrays.asList(decisionId, partner, subject, claims.getClaimValueAsString("matter"),
                claims.getClaimValueAsString("decision"), measures, r.outcome(), nullable(r.reason()),
                nullable(r.approvalReference()), offset(decidedAt), offset(now)));
        return pool.preparedQuery("INSERT INTO measure_feedback (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
                + "$9, $10, $11) ON CONFLICT (decision_id) DO NOTHING RETURNING decision_id").execute(values)
                .flatMap(inserted -> find(decisionId).map(stored -> {
                    boolean created = inserted.size() == 1;
                    if (!created && !sameReport(stored, r)) {
                        throw new ApiProblem(ProblemType.CONFLICT, "Decision " + decisionId + " was already reported as "
                                + stored.outcome() + "; a report cannot be changed");
                    }
                    return new Stored(stored, created);
                }));
    }

    private static boolean sameReport(MeasureViews.Feedback stored, MeasureViews.FeedbackRequest r) {
        return stored.outcome().equals(r.outcome()) && java.util.Objects.equals(stored.reason(), nullable(r.reason()))
                && java.util.Objects.equals(stored.approvalReference(), nullable(r.approvalReference()));
    }

    private Uni<MeasureViews.Feedback> find(String decisionId) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM measure_feedback WHERE decision_id = $1")
                .execute(Tuple.of(decisionId)).map(rows -> view(rows.iterator().next()));
    }

    /** Counts by measure, matter, reporting partner or month of the decision, each split by outcome. */
    public Uni<MeasureViews.FeedbackStatistics> statistics(String by) {
        String key = DIMENSIONS.get(by);
        String sql = "SELECT k, count(*) FILTER (WHERE outcome = 'applied'), count(*) FILTER (WHERE outcome = 'notApplied'), "
                + "count(*) FILTER (WHERE outcome = 'overridden') FROM (SELECT " + key + " AS k, outcome FROM measure_feedback) f "
                + "WHERE k IS NOT NULL AND k <> '' GROUP BY k ORDER BY k";
        return pool.query(sql).execute().map(rows -> {
            List<MeasureViews.FeedbackCount> counts = new ArrayList<>();
            for (Row row : rows) {
                counts.add(new MeasureViews.FeedbackCount(row.getString(0), row.getLong(1), row.getLong(2), row.getLong(3)));
            }
            return new MeasureViews.FeedbackStatistics(by, counts);
        });
    }

    /** Reports after {@code afterSeq}, oldest first; one more than {@code limit} is read to know if more wait. */
    public Uni<List<Map.Entry<Long, MeasureViews.Feedback>>> since(long afterSeq, int limit) {
        return pool.preparedQuery("SELECT seq, " + COLUMNS + " FROM measure_feedback WHERE seq > $1 ORDER BY seq LIMIT $2")
                .execute(Tuple.of(afterSeq, limit + 1)).map(rows -> {
                    List<Map.Entry<Long, MeasureViews.Feedback>> out = new ArrayList<>();
                    for (Row row : rows) {
                        out.add(Map.entry(row.getLong("seq"), view(row)));
                    }
                    return out;
                });
    }

    public static Set<String> dimensions() {
        return DIMENSIONS.keySet();
    }

    private static MeasureViews.Feedback view(Row row) {
        String measures = row.getString("measures");
        return new MeasureViews.Feedback(row.getString("decision_id"), row.getString("partner_id"), row.getString("subject"),
                row.getString("matter"), row.getString("decision"),
                measures.isEmpty() ? List.of() : Arrays.asList(measures.split(",")), row.getString("outcome"),
                row.getString("reason"), row.getString("approval_reference"),
                row.getOffsetDateTime("decided_at").toInstant(), row.getOffsetDateTime("reported_at").toInstant());
    }

    private static String jti(JwtClaims c) {
        try {
            return c.getJwtId();
        } catch (MalformedClaimException e) {
            return null;
        }
    }

    private static String nullable(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static OffsetDateTime offset(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }
}
