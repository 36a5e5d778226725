package cn.xinyong.openapi.readmodel.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** 行政处罚决定 as published (双公示); amounts in 万元. */
@io.quarkus.runtime.annotations.RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "PenaltyDecision", description = "行政处罚决定 as published (双公示); amounts in 万元")
public record PenaltyView(String id, long version, String subjectId, String subjectName, String decisionNumber,
        String violationType, String facts, String legalBasis, List<String> categories, String content,
        BigDecimal fineAmount, BigDecimal confiscationAmount, LocalDate decisionDate, LocalDate publicationEnd,
        String authority, String authorityCode, String severity, String dataSource, LocalDate publishedOn,
        @Schema(description = "处罚类别") List<String> categoryLabels,
        @Schema(description = "严重程度") String severityLabel, Instant updatedAt,
        @Schema(description = "Under objection review (异议核查中) since; absent when not disputed") LocalDate disputedSince)
        implements Disclosure {
}
