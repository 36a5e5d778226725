package cn.xinyong.openapi.rights;

import cn.xinyong.openapi.readmodel.PublicationRules;
import cn.xinyong.openapi.readmodel.SubjectDocument;
import cn.xinyong.openapi.readmodel.record.ListEntryRecord;
import cn.xinyong.openapi.readmodel.record.PenaltyRecord;
import cn.xinyong.openapi.readmodel.record.Vocabulary;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * 信用修复: when each negative record of a subject may be repaired, following the national rule
 * (《失信行为纠正后的信用信息修复管理办法（试行）》, 国家发展改革委令第58号, in force since 2023-05-01): a published
 * administrative penalty may be repaired once its minimum publication has passed — 3 months from the decision,
 * 1 year for 特种设备, 安全生产 and 消防 — and until its publication ends by itself (at the latest 3 years after the
 * decision); the lists by their own terms. The one home of these periods.
 */
public final class RepairRules {

    static final String BASIS = "《失信行为纠正后的信用信息修复管理办法（试行）》（国家发展改革委令第58号）";
    static final Period MINIMUM = Period.ofMonths(3);
    static final Period LONGER_MINIMUM = Period.ofYears(1);
    static final Period MAXIMUM = Period.ofYears(3);
    /** The fields with the longer minimum. */
    static final Set<String> LONGER_MINIMUM_SECTORS = Vocabulary.PENALTY_SECTORS.keySet();

    /** What a repair needs (修复材料). */
    public static final String COMMITMENT = "a 信用修复型 credit commitment (信用修复承诺书)";
    public static final String CORRECTION = "proof that the conduct was corrected and the decision carried out (纠正失信行为的证明)";
    public static final String TRAINING = "a credit-repair training certificate (信用修复专题培训)";

    /**
     * The lists' own terms: how long after listing an early removal may be asked (absent: not through an
     * application here), and what it needs.
     */
    record ListTerms(Period minimum, String authorityNote) {
    }

    static final Map<String, ListTerms> LIST_TERMS = Map.of(
            "seriousDishonesty", new ListTerms(Period.ofYears(1),
                    "one year after listing, with the commitment, the correction and the training"),
            "keyAttention", new ListTerms(Period.ZERO, "once the conduct is corrected"),
            "abnormalOperation", new ListTerms(Period.ZERO,
                    "once the annual report is filed or the information corrected (the market regulator removes it)"),
            "judgmentDefaulter", new ListTerms(null,
                    "removed by the court when the obligation is fulfilled (人民法院删除), not by a repair application"));

    private RepairRules() {
    }

    /** Whether and when one record may be repaired. */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "Repairability",
            description = "Whether and when a negative record may be repaired (信用修复), and what that needs")
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record Repairability(String dataset, String recordId, String what, LocalDate recordedOn,
            boolean repairableNow, LocalDate earliest, LocalDate endsBy, List<String> requirements, String note,
            String basis) {
    }

    /** Every negative record of the subject still shown today, with when it may be repaired. */
    public static List<Repairability> of(SubjectDocument doc, LocalDate today) {
        List<Repairability> out = new ArrayList<>();
        for (SubjectDocument.Entry<PenaltyRecord> e : doc.penalties()) {
            PenaltyRecord p = e.record();
            if (!e.withdrawn() && PublicationRules.penaltyPublic(p, today)) {
                out.add(penalty(e.id(), p, today));
            }
        }
        for (SubjectDocument.Entry<ListEntryRecord> e : doc.listEntries()) {
            ListEntryRecord l = e.record();
            if (!e.withdrawn() && LIST_TERMS.containsKey(l.list()) && PublicationRules.listMembershipCurrent(l, today)) {
                out.add(listEntry(e.id(), l, today));
            }
        }
        return out;
    }

    static Repairability penalty(String id, PenaltyRecord p, LocalDate today) {
        boolean longer = p.sector() != null && LONGER_MINIMUM_SECTORS.contains(p.sector());
        LocalDate earliest = p.decisionDate().plus(longer ? LONGER_MINIMUM : MINIMUM);
        LocalDate maximum = p.decisionDate().plus(MAXIMUM);
        LocalDate endsBy = p.publicationEnd() == null || p.publicationEnd().isAfter(maximum) ? maximum : p.publicationEnd();
        List<String> needs = "serious".equals(p.severity()) ? List.of(COMMITMENT, CORRECTION, TRAINING)
                : List.of(COMMITMENT, CORRECTION);
        String note = (longer ? "published at least one year (" + Vocabulary.PENALTY_SECTORS.get(p.sector()) + ")"
                : "published at least three months") + "; publication ends by itself on " + endsBy;
        return new Repairability("penalty", id, p.decisionNumber(), p.decisionDate(), !today.isBefore(earliest),
                earliest, endsBy, needs, note, BASIS);
    }

    static Repairability listEntry(String id, ListEntryRecord l, LocalDate today) {
        ListTerms terms = LIST_TERMS.get(l.list());
        String name = cn.xinyong.openapi.readmodel.record.ListCatalog.name(l.list());
        if (terms.minimum() == null) {
            return new Repairability("listEntry", id, name, l.listedOn(), false, null, l.removeBy(), List.of(),
                    terms.authorityNote(), "the list's own terms");
        }
        LocalDate earliest = l.listedOn().plus(terms.minimum());
        List<String> needs = "seriousDishonesty".equals(l.list()) ? List.of(COMMITMENT, CORRECTION, TRAINING)
                : List.of(COMMITMENT, CORRECTION);
        return new Repairability("listEntry", id, name, l.listedOn(), !today.isBefore(earliest), earliest, l.removeBy(),
                needs, "early removal " + terms.authorityNote(), "the list's own terms; " + BASIS);
    }
}
