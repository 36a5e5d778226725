package cn.xinyong.openapi.measures;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One joint reward or punishment measure (联合奖惩措施) of the catalogue: what it is, when it applies
 * (its trigger), to which matters (事项) and whom, who implements it, and on what legal basis.
 */
@RegisterForReflection
@Schema(name = "Measure", description = "A 联合奖惩 measure: its class, trigger, matters, targets and legal basis")
public record Measure(
        @Schema(description = "Stable code", example = "P08") String code,
        @Schema(description = "措施名称", example = "限制参与招标投标、政府采购和公共资源交易") String name,
        @Schema(description = "punishment (惩戒) or incentive (激励)", enumeration = {"punishment", "incentive"}) String kind,
        @Schema(description = "mandatory (强制性, by law) or recommended (推荐性)", enumeration = {"mandatory", "recommended"})
        String measureClass,
        @Schema(description = "Group in the national basic list of punishment measures (全国失信惩戒措施基础清单): 1 measures "
                + "public bodies apply by law, 2 management measures, 3 measures other organisations apply") Integer group,
        @Schema(description = "What the measure asks of the checking system: block, restrict, review or prioritise",
                enumeration = {"block", "restrict", "review", "prioritise"}) String effect,
        Trigger trigger,
        @Schema(description = "The matters (事项) it applies to") List<String> matters,
        @Schema(description = "Whom it reaches: subject (主体), legalRepresentative (法定代表人), principal (主要负责人), "
                + "responsiblePerson (负有责任的从业人员)") List<String> targets,
        @Schema(description = "实施部门") List<String> implementingAuthorities,
        Basis basis,
        @Schema(description = "措施内容") String text) {

    /** 依据: the document and its article. */
    @RegisterForReflection
    @Schema(name = "MeasureBasis", description = "The legal basis (依据)")
    public record Basis(@Schema(description = "Law, regulation, State Council document or memorandum") String document,
            @Schema(description = "Article or section") String article) {
    }

    public boolean punishment() {
        return "punishment".equals(kind);
    }

    /** The matter codes. */
    public boolean appliesTo(String matter) {
        return matters.contains(matter);
    }
}
