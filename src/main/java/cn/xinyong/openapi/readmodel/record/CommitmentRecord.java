package cn.xinyong.openapi.readmodel.record;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.LocalDate;

/** 信用承诺: what the subject committed to, to whom, and whether it kept it. */
@RegisterForReflection
public record CommitmentRecord(
        String subjectId,
        String subjectName,
        String type,
        String content,
        String matter,
        LocalDate committedOn,
        String authority,
        String authorityCode,
        String fulfilment,
        /** Under objection review (异议核查中) since this date; absent when not disputed. */
        LocalDate disputedSince) implements FeedRecord {

    @Override
    public void check(Checks c) {
        c.subject(subjectId, subjectName)
                .required("type", type).oneOf("type", type, Vocabulary.COMMITMENT_TYPES.keySet())
                .required("committedOn", committedOn)
                .authority(authority, authorityCode)
                .required("fulfilment", fulfilment).oneOf("fulfilment", fulfilment, Vocabulary.FULFILMENT.keySet());
    }
}
