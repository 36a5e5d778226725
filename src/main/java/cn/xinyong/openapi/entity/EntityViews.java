package cn.xinyong.openapi.entity;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The shapes of the entity API's responses. */
public final class EntityViews {

    private EntityViews() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "EntityProfile", description = "An entity's public credit profile (主体信用概况)")
    public record Profile(
            @Schema(description = "统一社会信用代码", example = "91420103MA4K2XXXX0") String uscc,
            @Schema(description = "名称", example = "武汉市恒泰商贸有限公司") String name,
            @Schema(description = "主体类型 code", example = "legalPerson") String kind,
            @Schema(description = "主体类型", example = "法人") String kindLabel,
            @Schema(description = "登记状态 code", example = "active") String status,
            @Schema(description = "登记状态", example = "存续") String statusLabel,
            @Schema(description = "法定代表人 / 负责人") String legalRepresentative,
            @Schema(description = "登记机关") String registrationAuthority,
            @Schema(description = "行政区划代码", example = "420103") String regionCode,
            @Schema(description = "成立日期") LocalDate registeredOn,
            @Schema(description = "行业") String industry,
            @Schema(description = "住所") String address,
            @Schema(description = "信用等级 (分级分类)") Grade creditGrade,
            @Schema(description = "Current red/black list memberships, in brief (see the lists API for all)")
            List<ListMembership> lists,
            @Schema(description = "Counts of public records") Counts counts,
            @Schema(description = "When the read model last changed for this entity") Instant dataAsOf) {
    }

    @Schema(name = "CreditGrade", description = "信用等级 (分级分类 A/B/C/D)")
    public record Grade(
            @Schema(example = "A") String grade,
            @Schema(description = "等级说明", example = "A级 (守信)") String label,
            @Schema(description = "评价日期") LocalDate ratedOn,
            @Schema(description = "评价机构") String evaluatedBy) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ListMembershipBrief", description = "A current list membership (名单)")
    public record ListMembership(
            @Schema(description = "List code", example = "redList") String list,
            @Schema(description = "名单名称", example = "守信红名单") String listName,
            @Schema(description = "列入日期") LocalDate listedOn,
            @Schema(description = "移出期限") LocalDate removeBy,
            @Schema(description = "认定部门") String authority,
            @Schema(description = "Under objection review (异议核查中) since; absent when not disputed") LocalDate disputedSince) {
    }

    @Schema(name = "RecordCounts", description = "Counts of the entity's public records")
    public record Counts(
            @Schema(description = "行政许可") int licences,
            @Schema(description = "行政处罚 currently in their publication period") int penalties,
            @Schema(description = "信用承诺") int commitments) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "EntitySummary", description = "An entity in search results")
    public record Summary(
            String uscc,
            String name,
            String kind,
            String status,
            String regionCode,
            @Schema(description = "信用等级", example = "B") String creditGrade,
            LocalDate registeredOn) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "EntitySearchPage", description = "A page of entity search results")
    public record SearchPage(
            List<Summary> items,
            @Schema(description = "Matches in all (exact up to 10,000; see totalExact)") long total,
            @Schema(description = "False when total is a lower bound") boolean totalExact,
            @Schema(description = "Link to the next page; absent on the last page") String next) {
    }
}
