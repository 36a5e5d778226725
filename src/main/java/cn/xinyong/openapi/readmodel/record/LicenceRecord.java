package cn.xinyong.openapi.readmodel.record;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.LocalDate;

/** 行政许可决定 (双公示 data items). */
@RegisterForReflection
public record LicenceRecord(
        String subjectId,
        String subjectName,
        String documentName,
        String documentNumber,
        String category,
        String certificateName,
        String certificateNumber,
        String content,
        LocalDate decisionDate,
        LocalDate validFrom,
        LocalDate validTo,
        String authority,
        String authorityCode,
        String dataSource,
        LocalDate publishedOn,
        /** Under objection review (异议核查中) since this date; absent when not disputed. */
        LocalDate disputedSince) implements FeedRecord {

    @Override
    public void check(Checks c) {
        c.subject(subjectId, subjectName)
                .required("documentNumber", documentNumber)
                .required("category", category).oneOf("category", category, Vocabulary.LICENCE_CATEGORIES.keySet())
                .required("decisionDate", decisionDate)
                .required("validFrom", validFrom)
                .notBefore("validTo", validTo, "validFrom", validFrom)
                .authority(authority, authorityCode);
    }
}
