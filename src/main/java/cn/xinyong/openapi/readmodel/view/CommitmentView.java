package cn.xinyong.openapi.readmodel.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** 信用承诺 as published. */
@io.quarkus.runtime.annotations.RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "CreditCommitment", description = "信用承诺 as published")
public record CommitmentView(String id, long version, String subjectId, String subjectName, String type,
        String content, String matter, LocalDate committedOn, String authority, String authorityCode, String fulfilment,
        @Schema(description = "承诺类型") String typeLabel,
        @Schema(description = "履约状态") String fulfilmentLabel, Instant updatedAt,
        @Schema(description = "Under objection review (异议核查中) since; absent when not disputed") LocalDate disputedSince)
        implements Disclosure {
}
