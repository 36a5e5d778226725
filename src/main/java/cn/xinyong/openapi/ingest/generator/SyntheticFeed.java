package cn.xinyong.openapi.ingest.generator;

import cn.xinyong.openapi.platform.id.OrganizationCode;
import cn.xinyong.openapi.platform.id.ResidentId;
import cn.xinyong.openapi.platform.id.Uscc;
import cn.xinyong.openapi.readmodel.record.CommitmentRecord;
import cn.xinyong.openapi.readmodel.record.EntityRecord;
import cn.xinyong.openapi.readmodel.record.FeedRecord;
import cn.xinyong.openapi.readmodel.record.LicenceRecord;
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
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * Deterministic synthetic platform feed: realistic Chinese organisation names (region + brand +
 * industry + form), valid 统一社会信用代码 with valid embedded 组织机构代码, and plausible licences,
 * penalties, list entries, commitments and grades. Every entity names its legal representative with a valid
 * 居民身份证号码; about one in ten shares the previous entity's (one person running several entities), and about
 * one person in a hundred has personal records (失信被执行人, 严重失信), so the 联合奖惩 checks that follow the
 * person have something to find. Entity {@code i} depends only on the seed, the as-of date and {@code i}, so the
 * feed streams at any size in constant memory.
 */
public final class SyntheticFeed {

    record Region(String code, String city, String district) {
    }

    static final List<Region> REGIONS = List.of(
            new Region("110101", "北京市", "东城区"), new Region("110105", "北京市", "朝阳区"),
            new Region("110108", "北京市", "海淀区"), new Region("310104", "上海市", "徐汇区"),
            new Region("310115", "上海市", "浦东新区"), new Region("320102", "南京市", "玄武区"),
            new Region("330106", "杭州市", "西湖区"), new Region("350203", "厦门市", "思明区"),
            new Region("370102", "济南市", "历下区"), new Region("420102", "武汉市", "江岸区"),
            new Region("420103", "武汉市", "江汉区"), new Region("420106", "武汉市", "武昌区"),
            new Region("420111", "武汉市", "洪山区"), new Region("430104", "长沙市", "岳麓区"),
            new Region("440106", "广州市", "天河区"), new Region("440103", "广州市", "荔湾区"),
            new Region("440304", "深圳市", "福田区"), new Region("440305", "深圳市", "南山区"),
            new Region("460202", "三亚市", "海棠区"), new Region("460203", "三亚市", "吉阳区"),
            new Region("460204", "三亚市", "天涯区"), new Region("500103", "重庆市", "渝中区"),
            new Region("510104", "成都市", "锦江区"), new Region("510107", "成都市", "武侯区"),
            new Region("610113", "西安市", "雁塔区"));

    private static final String BRAND_CHARS = "恒泰华鑫盛隆祥瑞达宏润金源正天信德安嘉明海新中联创博远佳和兴利通丰汇诚康永昌茂荣旺富锦鸿升辉宇腾飞凯";
    private static final String[] INDUSTRIES = {"商贸", "科技", "建筑工程", "餐饮管理", "物流", "房地产开发", "食品",
        "医药", "文化传媒", "电子", "机械设备", "农业开发", "服装", "装饰工程", "信息技术", "教育咨询", "环保科技",
        "汽车销售", "酒店管理", "物业管理", "旅游开发", "网络科技", "贸易", "实业", "投资管理"};
    private static final String[] FORMS = {"有限公司", "有限公司", "有限公司", "有限责任公司", "股份有限公司"};
    private static final String[] SHOPS = {"便利店", "餐馆", "五金店", "理发店", "水果店", "汽车修理部", "日用品店", "小吃店"};
    private static final String[] SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐".split("");
    private static final String[] GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华建国志红".split("");
    private static final String[] DEPARTMENTS = {"市场监督管理局", "生态环境局", "税务局", "应急管理局",
        "住房和城乡建设局", "人力资源和社会保障局", "交通运输局", "卫生健康委员会", "文化和旅游局"};
    private static final String[] VIOLATIONS = {"未按规定公示年度报告", "销售不合格产品", "超标排放污染物",
        "未依法取得许可从事经营", "虚假宣传", "安全生产隐患未整改", "拖欠劳动者工资", "偷逃税款", "违规占道经营"};
    private static final String[] LICENCES = {"食品经营许可证", "建筑施工许可证", "排污许可证", "道路运输经营许可证",
        "药品经营许可证", "卫生许可证", "旅行社业务经营许可证", "烟草专卖零售许可证"};

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private final long seed;
    private final LocalDate asOf;

    public SyntheticFeed(long seed, LocalDate asOf) {
        this.seed = seed;
        this.asOf = asOf;
    }

    /** The feed lines for entities {@code [0, count)}: each entity followed by its records. */
    public Iterator<String> lines(long count) {
        return new Iterator<>() {
            private long next;
            private final List<String> pending = new ArrayList<>();
            private int cursor;

            @Override
            public boolean hasNext() {
                while (cursor >= pending.size() && next < count) {
                    pending.clear();
                    cursor = 0;
                    pending.addAll(entityLines(next++));
                }
                return cursor < pending.size();
            }

            @Override
            public String next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return pending.get(cursor++);
            }
        };
    }

    /** The USCC of entity {@code i} (handy for tests and examples). */
    public String uscc(long i) {
        return entity(new SplittableRandom(mix(i)), i).uscc();
    }

    private long mix(long i) {
        return seed * 0x9E3779B97F4A7C15L + i * 0xBF58476D1CE4E5B9L + 1;
    }

    /** A legal representative: the person's index (the entity that introduced them), name and ID. */
    record Representative(long index, String name, String residentId) {
    }

    private static final long PERSON_SALT = 0x5DEECE66DL;

    /** Entity {@code i}'s representative: usually a person of its own, one time in ten the previous entity's. */
    Representative representative(long i) {
        long p = i;
        for (int step = 0; step < 4 && p > 0 && new SplittableRandom(mix(p) ^ PERSON_SALT).nextInt(10) == 0; step++) {
            p--;
        }
        SplittableRandom r = new SplittableRandom(mix(p) ^ PERSON_SALT);
        r.nextInt(10);
        Region home = REGIONS.get(r.nextInt(REGIONS.size()));
        LocalDate born = LocalDate.of(1950, 1, 1).plusDays(r.nextInt(365 * 50));
        String first17 = home.code() + born.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE)
                + String.format("%03d", r.nextInt(1000));
        return new Representative(p, person(r), first17 + ResidentId.checkCharacter(first17));
    }

    /** The resident ID of entity {@code i}'s legal representative (handy for tests and examples). */
    public String representativeId(long i) {
        return representative(i).residentId();
    }

    /** A person's own records, emitted once with the entity that introduced them. */
    private List<String> personLines(Representative person, Region region) {
        SplittableRandom r = new SplittableRandom(mix(person.index()) ^ (PERSON_SALT << 1));
        int roll = r.nextInt(1000);
        String kind = roll < 10 ? "judgmentDefaulter" : roll < 13 ? "seriousDishonesty" : null;
        if (kind == null) {
            return List.of();
        }
        LocalDate decided = asOf.minusDays(30 + r.nextInt(365 * 2));
        String authority = "judgmentDefaulter".equals(kind) ? region.city() + region.district() + "人民法院"
                : region.city() + "发展和改革委员会";
        PersonRecord record = new PersonRecord(person.residentId(), kind, "judgmentDefaulter".equals(kind)
                ? "有履行能力而拒不履行生效法律文书确定义务" : "严重违法失信行为", authority, decided, decided.plusYears(3), null,
                null, null);
        return List.of(upsert("personRecord", "PR-" + person.index(), 1, record));
    }

    List<String> entityLines(long i) {
        SplittableRandom r = new SplittableRandom(mix(i));
        EntityRecord e = entity(r, i);
        Region region = REGIONS.stream().filter(g -> g.code().equals(e.regionCode())).findFirst().orElseThrow();
        List<String> out = new ArrayList<>();
        out.add(upsert("entity", "E-" + e.uscc(), 1, e));
        Representative person = representative(i);
        if (person.index() == i) {
            out.addAll(personLines(person, region));
        }
        int licences = poisson(r, 1.5);
        for (int k = 0; k < licences; k++) {
            out.add(upsert("licence", "L-" + i + "-" + k, 1, licence(r, e, region, k)));
        }
        int penalties = poisson(r, 0.6);
        for (int k = 0; k < penalties; k++) {
            PenaltyRecord p = penalty(r, e, region, k);
            out.add(upsert("penalty", "P-" + i + "-" + k, 1, p));
            if (!"simple".equals(p.severity()) && r.nextInt(50) == 0) {
                out.add(withdraw("penalty", "P-" + i + "-" + k, 2, e.uscc(), "repaired"));
            }
        }
        double listRoll = r.nextDouble();
        if (listRoll < 0.03) {
            out.add(upsert("listEntry", "LE-" + i + "-0", 1, listEntry(r, e, region, "redList")));
        } else if (listRoll < 0.05) {
            out.add(upsert("listEntry", "LE-" + i + "-0", 1, listEntry(r, e, region, "abnormalOperation")));
        } else if (listRoll < 0.057) {
            out.add(upsert("listEntry", "LE-" + i + "-0", 1, listEntry(r, e, region, "judgmentDefaulter")));
        } else if (listRoll < 0.062) {
            out.add(upsert("listEntry", "LE-" + i + "-0", 1, listEntry(r, e, region, "seriousDishonesty")));
        } else if (listRoll < 0.067) {
            out.add(upsert("listEntry", "LE-" + i + "-0", 1, listEntry(r, e, region, "keyAttention")));
        }
        // Sector lists from their own random stream, so the rest of the sample stays as it was.
        SplittableRandom sector = new SplittableRandom(mix(i) ^ 0x5EC7_0A15L);
        if (sector.nextInt(40) == 0) {
            String[] list = SECTOR_LISTS[sector.nextInt(SECTOR_LISTS.length)];
            out.add(upsert("listEntry", "LE-" + i + "-1", 1, sectorListEntry(sector, e, region, list)));
        }
        int commitments = poisson(r, 0.8);
        for (int k = 0; k < commitments; k++) {
            out.add(upsert("commitment", "C-" + i + "-" + k, 1, commitment(r, e, region)));
        }
        return out;
    }

    private EntityRecord entity(SplittableRandom r, long i) {
        Region region = REGIONS.get(r.nextInt(REGIONS.size()));
        String brand = "" + pick(r, BRAND_CHARS) + pick(r, BRAND_CHARS);
        String industry = INDUSTRIES[r.nextInt(INDUSTRIES.length)];
        double kindRoll = r.nextDouble();
        String prefix;
        String kind;
        String name;
        if (kindRoll < 0.78) {
            prefix = "91";
            kind = "legalPerson";
            String place = r.nextBoolean() ? region.city() : region.city() + region.district();
            name = place + brand + industry + FORMS[r.nextInt(FORMS.length)];
        } else if (kindRoll < 0.92) {
            prefix = "92";
            kind = "individualBusiness";
            name = region.district() + brand + SHOPS[r.nextInt(SHOPS.length)];
        } else if (kindRoll < 0.95) {
            prefix = "93";
            kind = "legalPerson";
            name = region.district() + brand + "种植专业合作社";
        } else if (kindRoll < 0.98) {
            prefix = "51";
            kind = "socialOrganization";
            name = region.city() + industry + "行业协会";
        } else {
            prefix = "12";
            kind = "publicInstitution";
            name = region.city() + brand + "服务中心";
        }
        String uscc = code(r, prefix, region.code());
        LocalDate registered = asOf.minusDays(200 + r.nextInt(365 * 20));
        String status = r.nextInt(100) < 92 ? "active" : r.nextBoolean() ? "deregistered" : "revoked";
        String[] grades = {"A", "A", "A", "B", "B", "B", "B", "B", "C", "D"};
        EntityRecord.CreditGrade grade = r.nextInt(10) < 8
                ? new EntityRecord.CreditGrade(grades[r.nextInt(grades.length)], asOf.minusDays(r.nextInt(365)),
                        region.city() + "发展和改革委员会")
                : null;
        person(r); // drawn as before, so that every other field of entity i stays what it was
        Representative representative = representative(i);
        return new EntityRecord(uscc, name, kind, representative.name(), representative.residentId(),
                region.city() + region.district() + "市场监督管理局",
                region.code(), registered, status, industry, region.city() + region.district() + brand + "路"
                        + (1 + r.nextInt(300)) + "号", grade);
    }

    private LicenceRecord licence(SplittableRandom r, EntityRecord e, Region region, int k) {
        String licence = LICENCES[r.nextInt(LICENCES.length)];
        LocalDate decided = asOf.minusDays(r.nextInt(365 * 5));
        String dept = region.city() + DEPARTMENTS[r.nextInt(DEPARTMENTS.length)];
        String[] categories = {"general", "general", "general", "franchise", "accreditation", "approval", "registration"};
        return new LicenceRecord(e.uscc(), e.name(), "关于准予" + licence + "的决定",
                region.code() + "许准字〔" + decided.getYear() + "〕" + (1000 + r.nextInt(9000)) + "-" + k,
                categories[r.nextInt(categories.length)], licence, "JY" + (10000000L + r.nextInt(90000000)),
                "准予" + e.name() + "取得" + licence, decided, decided, decided.plusYears(3 + r.nextInt(3)), dept,
                authorityCode(region, dept), region.city() + "政务服务数据管理局", decided.plusDays(r.nextInt(13)), null);
    }

    private PenaltyRecord penalty(SplittableRandom r, EntityRecord e, Region region, int k) {
        LocalDate decided = asOf.minusDays(r.nextInt(365 * 4));
        int roll = r.nextInt(100);
        String severity = roll < 30 ? "simple" : roll < 85 ? "general" : "serious";
        LocalDate end = switch (severity) {
            case "general" -> decided.plusMonths(3 + r.nextInt(10));
            case "serious" -> decided.plusMonths(12 + r.nextInt(25));
            default -> null;
        };
        String dept = region.city() + DEPARTMENTS[r.nextInt(DEPARTMENTS.length)];
        String violation = VIOLATIONS[r.nextInt(VIOLATIONS.length)];
        boolean fine = !"simple".equals(severity) || r.nextBoolean();
        BigDecimal amount = fine ? BigDecimal.valueOf(1 + r.nextInt(5000), 2) : null;
        List<String> categories = fine ? List.of("fine") : List.of("warning");
        if ("serious".equals(severity) && r.nextBoolean()) {
            categories = List.of("fine", "confiscation");
        }
        return new PenaltyRecord(e.uscc(), e.name(),
                dept.substring(0, 2) + "罚字〔" + decided.getYear() + "〕" + (100 + r.nextInt(900)) + "-" + k + "号",
                violation, "经查，当事人存在" + violation + "的行为。", "《中华人民共和国行政处罚法》", categories,
                "对当事人作出" + (fine ? "罚款" + amount + "万元" : "警告") + "的行政处罚", amount,
                categories.contains("confiscation") ? BigDecimal.valueOf(r.nextInt(500) + 1, 2) : null,
                decided, end, dept, authorityCode(region, dept), severity, region.city() + "政务服务数据管理局",
                "simple".equals(severity) ? null : decided.plusDays(r.nextInt(13)), null, null);
    }

    private ListEntryRecord listEntry(SplittableRandom r, EntityRecord e, Region region, String list) {
        LocalDate listed = asOf.minusDays(r.nextInt(365 * 3));
        String authority = switch (list) {
            case "judgmentDefaulter" -> region.city() + region.district() + "人民法院";
            case "abnormalOperation" -> region.city() + "市场监督管理局";
            default -> region.city() + "发展和改革委员会";
        };
        String reason = switch (list) {
            case "redList" -> "连续三年纳税信用A级";
            case "judgmentDefaulter" -> "有履行能力而拒不履行生效法律文书确定义务";
            case "abnormalOperation" -> "未按规定期限公示年度报告";
            case "seriousDishonesty" -> "严重违法失信行为";
            default -> "存在较重失信行为，列入重点关注";
        };
        LocalDate removeBy = listed.plusYears("redList".equals(list) ? 2 : 3);
        LocalDate removed = r.nextInt(5) == 0 ? listed.plusDays(30 + r.nextInt(300)) : null;
        if (removed != null && removed.isAfter(asOf)) {
            removed = null;
        }
        return new ListEntryRecord(list, e.uscc(), e.name(), reason, authority, authorityCode(region, authority),
                "《国务院关于建立完善守信联合激励和失信联合惩戒制度加快推进社会诚信建设的指导意见》", listed, removeBy, removed, null);
    }

    /** Sector lists (行业领域名单): code, keeping department, reason, basis. */
    private static final String[][] SECTOR_LISTS = {
        {"taxDishonesty", "税务局", "虚开增值税专用发票", "《重大税收违法失信主体信息公布管理办法》"},
        {"workSafetyDishonesty", "应急管理局", "发生较大生产安全事故负有责任", "《安全生产严重失信主体名单管理办法》"},
        {"foodDrugDishonesty", "市场监督管理局", "生产销售不符合食品安全标准的食品", "《市场监督管理严重违法失信名单管理办法》"},
        {"statisticsDishonesty", "统计局", "提供不真实统计资料", "《统计严重失信企业信用管理办法》"},
        {"socialInsuranceDishonesty", "人力资源和社会保障局", "以欺诈手段骗取社会保险基金", "《社会保险领域严重失信人名单管理暂行办法》"},
        {"wageArrearsDishonesty", "人力资源和社会保障局", "拖欠农民工工资数额较大", "《拖欠农民工工资失信联合惩戒对象名单管理暂行办法》"},
        {"procurementMisconduct", "财政局", "提供虚假材料谋取中标", "《中华人民共和国政府采购法》第七十七条"},
        {"tourismDishonesty", "文化和旅游局", "未经许可经营旅行社业务", "《文化和旅游市场信用管理规定》"},
        {"ecommerceDishonesty", "商务局", "组织刷单炒信", "《关于加强对电子商务领域失信问题专项治理工作的通知》"},
        {"customsAeo", "海关", "经认证为高级认证企业", "《中华人民共和国海关注册登记和备案企业信用管理办法》"},
        {"taxpayerGradeA", "税务局", "纳税信用评价为A级", "《纳税信用管理办法(试行)》"},
        {"contractAbiding", "市场监督管理局", "连续公示守合同重信用", "守合同重信用企业公示工作有关规定"}};

    private ListEntryRecord sectorListEntry(SplittableRandom r, EntityRecord e, Region region, String[] list) {
        LocalDate listed = asOf.minusDays(r.nextInt(365 * 2));
        String authority = region.city() + list[1];
        return new ListEntryRecord(list[0], e.uscc(), e.name(), list[2], authority, authorityCode(region, authority),
                list[3], listed, listed.plusYears(list[0].equals("customsAeo") || list[0].equals("taxpayerGradeA") ? 1 : 3),
                null, null);
    }

    private CommitmentRecord commitment(SplittableRandom r, EntityRecord e, Region region) {
        String[] types = {"approvalSubstitute", "deficiencyAcceptance", "certificateSubstitute",
            "industrySelfDiscipline", "creditRepair", "voluntaryDisclosure"};
        String type = types[r.nextInt(types.length)];
        String dept = region.city() + DEPARTMENTS[r.nextInt(DEPARTMENTS.length)];
        int roll = r.nextInt(20);
        String fulfilment = roll < 14 ? "fulfilled" : roll < 19 ? "pending" : "breached";
        return new CommitmentRecord(e.uscc(), e.name(), type, "本单位承诺所提交材料真实有效，如有虚假愿承担相应责任。",
                "行政审批事项办理", asOf.minusDays(r.nextInt(365 * 3)), dept, authorityCode(region, dept), fulfilment, null);
    }

    private String upsert(String dataset, String id, long version, FeedRecord record) {
        ObjectNode line = JSON.createObjectNode().put("dataset", dataset).put("op", "upsert").put("id", id)
                .put("version", version);
        line.set("data", JSON.valueToTree(record));
        return line.toString();
    }

    private String withdraw(String dataset, String id, long version, String subjectId, String reason) {
        return JSON.createObjectNode().put("dataset", dataset).put("op", "withdraw").put("id", id)
                .put("version", version).put("subjectId", subjectId).put("reason", reason).toString();
    }

    /** A valid USCC: authority + kind prefix, region, a random organisation-code body with its check. */
    static String code(SplittableRandom r, String prefix, String regionCode) {
        StringBuilder body = new StringBuilder(8);
        String orgChars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        for (int i = 0; i < 8; i++) {
            body.append(i < 2 && r.nextInt(4) == 0 ? orgChars.charAt(10 + r.nextInt(21)) : (char) ('0' + r.nextInt(10)));
        }
        char orgCheck = OrganizationCode.checkCharacter(body.toString());
        String first17 = prefix + regionCode + body + orgCheck;
        return first17 + Uscc.checkCharacter(first17);
    }

    private static String authorityCode(Region region, String name) {
        return code(new SplittableRandom(name.hashCode()), "11", region.code());
    }

    private static String person(SplittableRandom r) {
        return SURNAMES[r.nextInt(SURNAMES.length)] + GIVEN[r.nextInt(GIVEN.length)]
                + (r.nextBoolean() ? GIVEN[r.nextInt(GIVEN.length)] : "");
    }

    private static char pick(SplittableRandom r, String chars) {
        return chars.charAt(r.nextInt(chars.length()));
    }

    private static int poisson(SplittableRandom r, double mean) {
        double l = Math.exp(-mean);
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= r.nextDouble();
        } while (p > l);
        return k - 1;
    }
}
