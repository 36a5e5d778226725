package cn.xinyong.openapi.readmodel.record;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The red and black lists (红黑名单) the platform publishes, with what being listed means. */
public final class ListCatalog {

    /** One list. */
    @Schema(name = "CreditList", description = "A red or black list (名单)")
    public record ListDefinition(
            @Schema(description = "List code", example = "seriousDishonesty") String code,
            @Schema(description = "名单名称", example = "严重失信主体名单") String name,
            @Schema(description = "red (守信激励), black (失信惩戒) or watch (重点关注)") String kind,
            @Schema(description = "认定部门") String issuingAuthority,
            @Schema(description = "认定依据") String legalBasis,
            @Schema(description = "联合奖惩措施: what being listed means") List<String> measures,
            @Schema(description = "Whether listed subjects are restricted from high consumption (限制高消费)")
            boolean restrictsHighConsumption) {
    }

    public static final List<ListDefinition> LISTS = List.of(
            new ListDefinition("redList", "守信红名单", "red", "各级行业主管部门、发展改革部门",
                    "《国务院关于建立完善守信联合激励和失信联合惩戒制度加快推进社会诚信建设的指导意见》(国发〔2016〕33号)",
                    List.of("行政审批绿色通道、容缺受理", "信易贷等信易+激励", "评优评先优先考虑", "减少日常监管检查频次"), false),
            new ListDefinition("seriousDishonesty", "严重失信主体名单", "black", "各级行业主管部门",
                    "《失信行为纠正后的信用信息修复管理办法(试行)》; 《全国失信惩戒措施基础清单》",
                    List.of("限制参与政府采购和招标投标", "限制获得财政资金支持", "限制高消费", "从严审核行政许可",
                        "列为重点监管对象"), true),
            new ListDefinition("keyAttention", "重点关注对象名单", "watch", "各级行业主管部门",
                    "《全国失信惩戒措施基础清单》",
                    List.of("加强日常监管、提高抽查比例", "审慎给予激励措施"), false),
            new ListDefinition("judgmentDefaulter", "失信被执行人名单", "black", "人民法院",
                    "《最高人民法院关于公布失信被执行人名单信息的若干规定》; 《最高人民法院关于限制被执行人高消费及有关消费的若干规定》",
                    List.of("限制乘坐飞机、列车软卧、G字头动车组一等以上座位", "限制在星级以上宾馆、酒店消费", "限制旅游、度假",
                        "限制担任法定代表人和高管", "限制参与政府采购和招标投标"), true),
            new ListDefinition("abnormalOperation", "经营异常名录", "black", "市场监督管理部门",
                    "《企业经营异常名录管理暂行办法》; 《企业信息公示暂行条例》",
                    List.of("在政府采购、工程招投标、国有土地出让等工作中审慎对待", "不予授予荣誉称号"), false));

    private static final Map<String, ListDefinition> BY_CODE = LISTS.stream()
            .collect(Collectors.toMap(ListDefinition::code, Function.identity()));

    private ListCatalog() {
    }

    public static Optional<ListDefinition> byCode(String code) {
        return Optional.ofNullable(code == null ? null : BY_CODE.get(code));
    }
}
