package cn.xinyong.openapi.ingest.generator;

import cn.xinyong.openapi.platform.id.OrganizationCode;
import cn.xinyong.openapi.platform.id.ResidentId;
import cn.xinyong.openapi.platform.id.Uscc;
import cn.xinyong.openapi.readmodel.record.CommitmentRecord;
import cn.xinyong.openapi.readmodel.record.EntityRecord;
import cn.xinyong.openapi.readmodel.record.FeedRecord;
import cn.xinyong.openapi.readmodel.record.ListEntryRecord;
import cn.xinyong.openapi.readmodel.record.PenaltyRecord;
import cn.xinyong.openapi.readmodel.record.PersonRecord;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The sample's personas: a few entities and residents with fixed codes, one for each case a newcomer tries
 * first (a trustworthy company, one on each list, each 信易+ rule failing, a record under objection review, a
 * resident who is a 失信被执行人 and the company they run, a resident with a clean record). Their dates are
 * relative to the as-of date, so the walkthrough in the README answers the same way on any day.
 * {@code bin/run} loads them with the synthetic sample and prints them ({@link #main}).
 */
public final class SamplePersonas {

    /** A persona: its code (统一社会信用代码 or 居民身份证号码), name and what it shows. */
    public record Persona(String code, String name, String shows) {
    }

    private static final String REGION = "420103";
    private static final String COURT = "武汉市江汉区人民法院";
    private static final String COURT_CODE = uscc("11", 90);
    private static final String DRC = "武汉市发展和改革委员会";
    private static final String DRC_CODE = uscc("11", 91);
    private static final String SAMR = "武汉市市场监督管理局";
    private static final String SAMR_CODE = uscc("11", 92);

    /** 守信: grade A, red list, commitments kept: eligible everywhere, incentives (prioritise). */
    public static final Persona TRUSTWORTHY = new Persona(uscc("91", 1), "武汉示例守信科技有限公司",
            "grade A, red list: eligible for every 信易+ scheme; 联合奖惩 prioritise");
    /** 失信被执行人: on the judgment-defaulter list. */
    public static final Persona JUDGMENT_DEFAULTER = new Persona(uscc("91", 2), "武汉示例被执行商贸有限公司",
            "失信被执行人: notListed fails; restrictions reported; 联合奖惩 block for bidding");
    /** 严重失信: on the serious-dishonesty list with a serious penalty. */
    public static final Persona SERIOUSLY_DISHONEST = new Persona(uscc("91", 3), "武汉示例严重失信食品有限公司",
            "严重失信主体 with a serious penalty: noPenalty fails; 联合奖惩 block");
    /** 经营异常: on the abnormal-operations list. */
    public static final Persona ABNORMAL = new Persona(uscc("91", 4), "武汉示例经营异常贸易有限公司",
            "经营异常名录: 信易贷 notListed fails; 联合奖惩 block for bidding (P09)");
    /** 重点关注: on the watch list. */
    public static final Persona WATCHED = new Persona(uscc("91", 5), "武汉示例重点关注建筑工程有限公司",
            "重点关注名单: 联合奖惩 review for dailySupervision");
    /** Grade C: minGrade fails. */
    public static final Persona LOW_GRADE = new Persona(uscc("91", 6), "武汉示例低等级物流有限公司",
            "grade C: minGrade fails for 信易贷, 信易游, 信易租");
    /** Registered two months ago: registeredFor fails. */
    public static final Persona NEWLY_REGISTERED = new Persona(uscc("91", 7), "武汉示例新设网络科技有限公司",
            "registered two months ago: registeredFor fails for 信易贷");
    /** A breached 信用承诺: commitmentsKept fails. */
    public static final Persona COMMITMENT_BREACHED = new Persona(uscc("91", 8), "武汉示例违诺装饰工程有限公司",
            "a breached 信用承诺: commitmentsKept fails; 联合奖惩 restrict for administrativeLicensing");
    /** Deregistered: status fails. */
    public static final Persona DEREGISTERED = new Persona(uscc("91", 9), "武汉示例已注销餐饮管理有限公司",
            "deregistered: status fails for 信易贷, 信易租, 信易批");
    /** A judgment-defaulter listing under objection review: suspended, not applied. */
    public static final Persona DISPUTED = new Persona(uscc("91", 10), "武汉示例异议核查电子有限公司",
            "a 失信被执行人 listing under objection review (异议核查中): suspended in 信易+, screening and 联合奖惩");
    /** Run by the resident who is a 失信被执行人: measures follow the person. */
    public static final Persona RUN_BY_DEFAULTER = new Persona(uscc("91", 11), "武汉示例关联投资管理有限公司",
            "its 法定代表人 is personally a 失信被执行人: 联合奖惩 block for appointment (P18), the person never named");

    /** A resident who is personally a 失信被执行人 (and was fined), and runs {@link #RUN_BY_DEFAULTER}. */
    public static final Persona RESIDENT_DEFAULTER = new Persona(residentId("4201031985031500", 1), "李示例",
            "a resident with personal records (失信被执行人, 行政处罚): consents, personal records, person checks");
    /** A resident with no records. */
    public static final Persona RESIDENT_CLEAN = new Persona(residentId("4201061990022800", 2), "王示例",
            "a resident with a clean record");

    public static final List<Persona> ENTITIES = List.of(TRUSTWORTHY, JUDGMENT_DEFAULTER, SERIOUSLY_DISHONEST, ABNORMAL,
            WATCHED, LOW_GRADE, NEWLY_REGISTERED, COMMITMENT_BREACHED, DEREGISTERED, DISPUTED, RUN_BY_DEFAULTER);
    public static final List<Persona> RESIDENTS = List.of(RESIDENT_DEFAULTER, RESIDENT_CLEAN);

    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .serializationInclusion(JsonInclude.Include.NON_NULL).build();

    private SamplePersonas() {
    }

    /** The personas' feed lines, dated relative to {@code asOf}. */
    public static List<String> lines(LocalDate asOf) {
        List<String> out = new ArrayList<>();
        out.add(entity(TRUSTWORTHY, "A", asOf.minusYears(6), "active", null, asOf));
        out.add(upsert("listEntry", "LE-SAMPLE-1", list("redList", TRUSTWORTHY, "连续三年纳税信用A级", DRC, DRC_CODE,
                asOf.minusMonths(5), null)));
        out.add(upsert("commitment", "C-SAMPLE-1", commitment(TRUSTWORTHY, "fulfilled", asOf.minusMonths(8))));

        out.add(entity(JUDGMENT_DEFAULTER, "B", asOf.minusYears(4), "active", null, asOf));
        out.add(upsert("listEntry", "LE-SAMPLE-2", list("judgmentDefaulter", JUDGMENT_DEFAULTER,
                "有履行能力而拒不履行生效法律文书确定义务", COURT, COURT_CODE, asOf.minusMonths(3), null)));

        out.add(entity(SERIOUSLY_DISHONEST, "B", asOf.minusYears(9), "active", null, asOf));
        out.add(upsert("listEntry", "LE-SAMPLE-3", list("seriousDishonesty", SERIOUSLY_DISHONEST, "严重违法失信行为", DRC,
                DRC_CODE, asOf.minusMonths(2), null)));
        out.add(upsert("penalty", "P-SAMPLE-3", penalty(SERIOUSLY_DISHONEST, "serious", asOf.minusMonths(4))));

        out.add(entity(ABNORMAL, "B", asOf.minusYears(3), "active", null, asOf));
        out.add(upsert("listEntry", "LE-SAMPLE-4", list("abnormalOperation", ABNORMAL, "未按规定期限公示年度报告", SAMR,
                SAMR_CODE, asOf.minusMonths(6), null)));

        out.add(entity(WATCHED, "B", asOf.minusYears(7), "active", null, asOf));
        out.add(upsert("listEntry", "LE-SAMPLE-5", list("keyAttention", WATCHED, "存在较重失信行为，列入重点关注", DRC,
                DRC_CODE, asOf.minusMonths(1), null)));

        out.add(entity(LOW_GRADE, "C", asOf.minusYears(5), "active", null, asOf));
        out.add(entity(NEWLY_REGISTERED, "B", asOf.minusMonths(2), "active", null, asOf));

        out.add(entity(COMMITMENT_BREACHED, "B", asOf.minusYears(4), "active", null, asOf));
        out.add(upsert("commitment", "C-SAMPLE-8", commitment(COMMITMENT_BREACHED, "breached", asOf.minusMonths(7))));

        out.add(entity(DEREGISTERED, "B", asOf.minusYears(10), "deregistered", null, asOf));

        out.add(entity(DISPUTED, "B", asOf.minusYears(4), "active", null, asOf));
        ListEntryRecord disputed = list("judgmentDefaulter", DISPUTED, "有履行能力而拒不履行生效法律文书确定义务", COURT,
                COURT_CODE, asOf.minusMonths(2), asOf.minusDays(5));
        out.add(upsert("listEntry", "LE-SAMPLE-10", disputed));

        out.add(entity(RUN_BY_DEFAULTER, "B", asOf.minusYears(3), "active", RESIDENT_DEFAULTER, asOf));
        out.add(upsert("personRecord", "PR-SAMPLE-1", new PersonRecord(RESIDENT_DEFAULTER.code(), "judgmentDefaulter",
                "有履行能力而拒不履行生效法律文书确定义务", COURT, asOf.minusMonths(4), asOf.plusYears(2), null, null, null)));
        out.add(upsert("personRecord", "PR-SAMPLE-2", new PersonRecord(RESIDENT_DEFAULTER.code(), "penalty",
                "违规占道经营", "武汉市江汉区城市管理执法局", asOf.minusMonths(9), null, new BigDecimal("2000"), "general",
                null)));
        return out;
    }

    /** Prints the personas (bin/run shows them as examples). */
    public static void main(String[] args) {
        ENTITIES.forEach(p -> System.out.println("entity\t" + p.code() + "\t" + p.name() + "\t" + p.shows()));
        RESIDENTS.forEach(p -> System.out.println("resident\t" + p.code() + "\t" + p.name() + "\t" + p.shows()));
    }

    private static String entity(Persona p, String grade, LocalDate registered, String status, Persona representative,
            LocalDate asOf) {
        EntityRecord e = new EntityRecord(p.code(), p.name(), "legalPerson",
                representative == null ? "赵示例" : representative.name(),
                representative == null ? null : representative.code(), "武汉市江汉区市场监督管理局", REGION, registered,
                status, "示例行业", "武汉市江汉区示例路1号",
                new EntityRecord.CreditGrade(grade, asOf.minusMonths(3), DRC));
        return upsert("entity", "E-" + p.code(), e);
    }

    private static ListEntryRecord list(String list, Persona p, String reason, String authority, String authorityCode,
            LocalDate listed, LocalDate disputedSince) {
        return new ListEntryRecord(list, p.code(), p.name(), reason, authority, authorityCode,
                "《国务院关于建立完善守信联合激励和失信联合惩戒制度加快推进社会诚信建设的指导意见》", listed, listed.plusYears(3), null,
                disputedSince);
    }

    private static CommitmentRecord commitment(Persona p, String fulfilment, LocalDate on) {
        return new CommitmentRecord(p.code(), p.name(), "approvalSubstitute", "本单位承诺所提交材料真实有效，如有虚假愿承担相应责任。",
                "行政审批事项办理", on, "武汉市政务服务和大数据管理局", uscc("11", 93), fulfilment, null);
    }

    private static PenaltyRecord penalty(Persona p, String severity, LocalDate decided) {
        return new PenaltyRecord(p.code(), p.name(), "武市监罚〔" + decided.getYear() + "〕1号", "销售不合格产品",
                "经查，当事人存在销售不合格产品的行为。", "《中华人民共和国产品质量法》", List.of("fine"), "罚款5万元",
                new BigDecimal("5.00"), null, decided, decided.plusYears(3), SAMR, SAMR_CODE, severity, "武汉市政务服务和大数据管理局",
                decided.plusDays(3), null, null);
    }

    private static String upsert(String dataset, String id, FeedRecord record) {
        ObjectNode line = JSON.createObjectNode().put("dataset", dataset).put("op", "upsert").put("id", id).put("version", 1);
        line.set("data", JSON.valueToTree(record));
        return line.toString();
    }

    /** A valid code with the sample's own organisation-code body ({@code XY} and a number). */
    private static String uscc(String prefix, int n) {
        String body = "XY" + String.format("%06d", n);
        String first17 = prefix + REGION + body + OrganizationCode.checkCharacter(body);
        return first17 + Uscc.checkCharacter(first17);
    }

    private static String residentId(String first16, int n) {
        String first17 = (first16 + n).substring(0, 17);
        return first17 + ResidentId.checkCharacter(first17);
    }
}
