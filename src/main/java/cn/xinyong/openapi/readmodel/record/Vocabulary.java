package cn.xinyong.openapi.readmodel.record;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The coded values of the feed, each with the Chinese term of the national data items. Codes are
 * stable English camelCase; the Chinese label is what a person sees.
 */
public final class Vocabulary {

    private Vocabulary() {
    }

    private static Map<String, String> of(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    /** 主体类型. */
    public static final Map<String, String> ENTITY_KINDS = of(
            "legalPerson", "法人", "unincorporated", "非法人组织", "individualBusiness", "个体工商户",
            "socialOrganization", "社会组织", "publicInstitution", "事业单位", "governmentAgency", "机关");

    /** 登记状态. */
    public static final Map<String, String> ENTITY_STATUSES = of(
            "active", "存续", "deregistered", "注销", "revoked", "吊销");

    /** 信用等级 (分级分类). */
    public static final Map<String, String> CREDIT_GRADES = of(
            "A", "A级 (守信)", "B", "B级 (一般)", "C", "C级 (关注)", "D", "D级 (失信)");

    /** 许可类别. */
    public static final Map<String, String> LICENCE_CATEGORIES = of(
            "general", "普通", "franchise", "特许", "accreditation", "认可", "approval", "核准",
            "registration", "登记", "other", "其他");

    /** 处罚类别. */
    public static final Map<String, String> PENALTY_CATEGORIES = of(
            "warning", "警告", "circulatedCriticism", "通报批评", "fine", "罚款",
            "confiscation", "没收违法所得、没收非法财物", "licenceSuspension", "暂扣许可证件",
            "licenceRevocation", "吊销许可证件", "qualificationDowngrade", "降低资质等级",
            "productionSuspension", "责令停产停业", "businessRestriction", "限制开展生产经营活动",
            "closure", "责令关闭", "employmentRestriction", "限制从业", "detention", "行政拘留", "other", "其他");

    /** 处罚程序 / 严重程度: 简易程序 penalties are never published. */
    public static final Map<String, String> PENALTY_SEVERITIES = of(
            "simple", "简易程序", "general", "一般", "serious", "严重");

    /** 领域 of a penalty with a one-year minimum publication under the national repair rule. */
    public static final Map<String, String> PENALTY_SECTORS = of(
            "specialEquipment", "特种设备", "workSafety", "安全生产", "fireSafety", "消防");

    /** 信用承诺类型. */
    public static final Map<String, String> COMMITMENT_TYPES = of(
            "approvalSubstitute", "审批替代型", "deficiencyAcceptance", "容缺受理型",
            "certificateSubstitute", "证明替代型", "industrySelfDiscipline", "行业自律型",
            "creditRepair", "信用修复型", "voluntaryDisclosure", "主动公示型");

    /** 履约状态. */
    public static final Map<String, String> FULFILMENT = of(
            "pending", "履约中", "fulfilled", "已履约", "breached", "未履约");

    /** Reasons a record is withdrawn from publication. */
    public static final Map<String, String> WITHDRAWAL_REASONS = of(
            "repaired", "信用修复", "objectionUpheld", "异议成立", "corrected", "数据更正",
            "publicationExpired", "公示期满", "revoked", "决定撤销");
}
