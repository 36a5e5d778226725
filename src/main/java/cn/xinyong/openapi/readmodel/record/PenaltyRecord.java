package cn.xinyong.openapi.readmodel.record;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** 行政处罚决定 (双公示 data items); amounts in 万元. */
@RegisterForReflection
public record PenaltyRecord(
        String subjectId,
        String subjectName,
        String decisionNumber,
        String violationType,
        String facts,
        String legalBasis,
        List<String> categories,
        String content,
        BigDecimal fineAmount,
        BigDecimal confiscationAmount,
        LocalDate decisionDate,
        LocalDate publicationEnd,
        String authority,
        String authorityCode,
        String severity,
        String dataSource,
        LocalDate publishedOn,
        /**
         * 领域 where the national repair rule sets a longer minimum publication (特种设备, 安全生产, 消防: one year);
         * absent otherwise.
         */
        String sector,
        /** Under objection review (异议核查中) since this date; absent when not disputed. */
        LocalDate disputedSince) implements FeedRecord {

    @Override
    public void check(Checks c) {
        c.subject(subjectId, subjectName)
                .required("decisionNumber", decisionNumber)
                .required("categories", categories == null || categories.isEmpty() ? null : categories)
                .required("decisionDate", decisionDate)
                .authority(authority, authorityCode)
                .required("severity", severity).oneOf("severity", severity, Vocabulary.PENALTY_SEVERITIES.keySet())
                .notBefore("publicationEnd", publicationEnd, "decisionDate", decisionDate)
                .that(!"simple".equals(severity) ? publicationEnd != null : true,
                        "publicationEnd is required unless severity is simple (简易程序)")
                .that(fineAmount == null || fineAmount.signum() >= 0, "fineAmount must not be negative")
                .that(confiscationAmount == null || confiscationAmount.signum() >= 0,
                        "confiscationAmount must not be negative");
        if (sector != null) {
            c.oneOf("sector", sector, Vocabulary.PENALTY_SECTORS.keySet());
        }
        if (categories != null) {
            categories.forEach(cat -> c.oneOf("categories", cat, Vocabulary.PENALTY_CATEGORIES.keySet()));
        }
    }
}
