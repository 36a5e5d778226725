package cn.xinyong.openapi.readmodel.view;

import cn.xinyong.openapi.readmodel.record.EntityRecord;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An entity's registration basics (主体登记信息) as the change feed and the exports publish them. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "EntityRecord", description = "An entity's registration basics (主体登记信息), as the feed and exports give them")
public record EntityOpenRecord(
        @Schema(description = "统一社会信用代码") String uscc,
        @Schema(description = "The platform's version of the record") Long version,
        @Schema(description = "主体名称") String name,
        @Schema(description = "主体类型") String kind,
        @Schema(description = "登记状态") String status,
        @Schema(description = "法定代表人/负责人") String legalRepresentative,
        @Schema(description = "登记机关") String registrationAuthority,
        @Schema(description = "行政区划代码") String regionCode,
        @Schema(description = "成立日期") LocalDate registeredOn,
        @Schema(description = "行业") String industry,
        @Schema(description = "住所") String address,
        @Schema(description = "信用等级 (分级分类): the grade alone, as the CSV column") String creditGrade,
        @Schema(description = "The grade with when it was rated and by whom") EntityRecord.CreditGrade creditGradeDetail) {
}
