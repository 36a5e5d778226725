package cn.xinyong.openapi.readmodel.record;

import cn.xinyong.openapi.platform.id.ResidentId;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A natural person's credit record (自然人信用记录), e.g. as 失信被执行人 or a penalty on an individual.
 * The projector replaces {@code residentId} by its keyed hash before anything is stored.
 */
@RegisterForReflection
public record PersonRecord(
        String residentId,
        String kind,
        String summary,
        String authority,
        LocalDate decidedOn,
        LocalDate endsOn,
        BigDecimal amount,
        String severity,
        /** Under objection review (异议核查中) since this date; absent when not disputed. */
        LocalDate disputedSince) implements FeedRecord {

    /** The person's record kinds, each with its Chinese term. */
    public static final java.util.Map<String, String> KINDS = java.util.Map.of(
            "judgmentDefaulter", "失信被执行人", "seriousDishonesty", "严重失信主体",
            "penalty", "行政处罚", "commitment", "信用承诺");

    @Override
    public String subjectId() {
        return residentId;
    }

    @Override
    public void check(Checks c) {
        c.required("residentId", residentId)
                .that(residentId == null || ResidentId.isValid(residentId), "residentId is not a valid 居民身份证号码")
                .required("kind", kind).oneOf("kind", kind, KINDS.keySet())
                .required("decidedOn", decidedOn)
                .required("authority", authority)
                .notBefore("endsOn", endsOn, "decidedOn", decidedOn)
                .oneOf("severity", severity, Vocabulary.PENALTY_SEVERITIES.keySet());
    }

    /** The record without the person's ID, as stored. */
    public PersonRecord withoutId() {
        return new PersonRecord(null, kind, summary, authority, decidedOn, endsOn, amount, severity, disputedSince);
    }
}
