package cn.xinyong.openapi.readmodel.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One subject's membership of one list (名单条目), as the public sees it. */
@io.quarkus.runtime.annotations.RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "ListEntry", description = "One subject's membership of one list (名单条目)")
public record ListEntryView(
        String id,
        @Schema(description = "The platform's version of the record") long version,
        @Schema(description = "List code") String list,
        @Schema(description = "名单名称") String listName,
        @Schema(description = "统一社会信用代码") String subjectId,
        @Schema(description = "主体名称") String subjectName,
        @Schema(description = "列入原因") String reason,
        @Schema(description = "认定部门") String authority,
        @Schema(description = "认定部门统一社会信用代码") String authorityCode,
        @Schema(description = "认定依据") String legalBasis,
        @Schema(description = "列入日期") LocalDate listedOn,
        @Schema(description = "移出期限") LocalDate removeBy,
        @Schema(description = "移出日期") LocalDate removedOn,
        @Schema(description = "Whether the membership is current today. Left out of the change feed and the exports, "
                + "where it would change with the date alone: there a reader computes it from listedOn, removeBy and "
                + "removedOn (current from listedOn until removedOn or the day after removeBy)") Boolean current,
        @Schema(description = "Under objection review (异议核查中) since; absent when not disputed. Punishments resting "
                + "only on disputed entries are suspended") LocalDate disputedSince) {
}
