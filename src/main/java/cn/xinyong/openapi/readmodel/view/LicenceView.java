package cn.xinyong.openapi.readmodel.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** 行政许可决定 as published (双公示): the public view, its own record so the feed's wire format stays private. */
@io.quarkus.runtime.annotations.RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "LicenceDecision", description = "行政许可决定 as published (双公示)")
public record LicenceView(String id, long version, String subjectId, String subjectName, String documentName,
        String documentNumber, String category, String certificateName, String certificateNumber, String content,
        LocalDate decisionDate, LocalDate validFrom, LocalDate validTo, String authority, String authorityCode,
        String dataSource, LocalDate publishedOn,
        @Schema(description = "许可类别") String categoryLabel, Instant updatedAt,
        @Schema(description = "Under objection review (异议核查中) since; absent when not disputed") LocalDate disputedSince)
        implements Disclosure {
}
