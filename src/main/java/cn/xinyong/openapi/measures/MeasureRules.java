package cn.xinyong.openapi.measures;

import cn.xinyong.openapi.readmodel.PublicationRules;
import cn.xinyong.openapi.readmodel.SubjectDocument;
import cn.xinyong.openapi.readmodel.record.CommitmentRecord;
import cn.xinyong.openapi.readmodel.record.EntityRecord;
import cn.xinyong.openapi.readmodel.record.ListCatalog;
import cn.xinyong.openapi.readmodel.record.ListEntryRecord;
import cn.xinyong.openapi.readmodel.record.PenaltyRecord;
import cn.xinyong.openapi.readmodel.record.PersonRecord;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The 应查必查 rules: which measures of a matter apply to a subject, with the records that trigger each
 * as evidence. A measure resting only on records under objection review (异议核查中) is suspended, not
 * applied. Pure functions of the subject's documents and the date.
 */
public final class MeasureRules {

    private MeasureRules() {
    }

    /**
     * What the check knows: the subject's document; its legal representative's own document (the person's
     * records, by the keyed hash) and the other entities the same person represents, when linked.
     */
    public record Facts(SubjectDocument subject, SubjectDocument representative, List<SubjectDocument> alsoRepresented) {
        public Facts {
            alsoRepresented = alsoRepresented == null ? List.of() : alsoRepresented;
        }

        String representativeName() {
            return subject.entity().map(EntityRecord::legalRepresentative).orElse(null);
        }
    }

    /** A record that triggers a measure. */
    public record Evidence(String recordId, String kind, LocalDate date, String authority, String detail,
            boolean disputed) {
    }

    /** How a measure stands for a subject: applies, suspended (only disputed evidence) or not at all. */
    public record Finding(Measure measure, String status, List<Evidence> evidence) {
        public boolean applies() {
            return "applies".equals(status);
        }
    }

    /** Target of the measures a natural person's own check looks at (个人). */
    public static final String PERSON = "person";

    /**
     * A natural person's own record as the check sees it: its kind, dates, authority and whether it is under
     * objection review; never its id or the person's.
     */
    public record PersonalRecord(String kind, LocalDate decidedOn, LocalDate endsOn, String authority, boolean disputed) {
    }

    /**
     * Every measure of the matter that applies or is suspended for an entity, in catalogue order (measures that
     * target only a natural person are not an entity's).
     */
    public static List<Finding> findings(MeasureCatalogue catalogue, String matter, Facts facts, LocalDate today) {
        List<Finding> out = new ArrayList<>();
        for (Measure m : catalogue.forMatter(matter)) {
            if (!m.targets().equals(List.of(PERSON))) {
                finding(m, evidence(m.trigger(), facts, today)).ifPresent(out::add);
            }
        }
        return out;
    }

    /**
     * Every measure of the matter that targets a natural person (个人) and applies or is suspended for the person's
     * own records (read with their consent), in catalogue order.
     */
    public static List<Finding> personFindings(MeasureCatalogue catalogue, String matter, List<PersonalRecord> records,
            LocalDate today) {
        List<Finding> out = new ArrayList<>();
        for (Measure m : catalogue.forMatter(matter)) {
            if (m.targets().contains(PERSON)) {
                finding(m, personal(records, m.trigger().personKinds(), today, "person", "本人被列为")).ifPresent(out::add);
            }
        }
        return out;
    }

    /** The person record kinds a person's check for the matter reads (what the consent must cover). */
    public static java.util.SortedSet<String> personKindsNeeded(MeasureCatalogue catalogue, String matter) {
        java.util.SortedSet<String> out = new java.util.TreeSet<>();
        catalogue.forMatter(matter).stream().filter(m -> m.targets().contains(PERSON))
                .forEach(m -> out.addAll(m.trigger().personKinds()));
        return out;
    }

    private static java.util.Optional<Finding> finding(Measure m, List<Evidence> evidence) {
        if (evidence.isEmpty()) {
            return java.util.Optional.empty();
        }
        boolean suspended = evidence.stream().allMatch(Evidence::disputed);
        return java.util.Optional.of(new Finding(m, suspended ? "suspended" : "applies", evidence));
    }

    /**
     * The one decision an approval system can act on: block (a mandatory punishment applies), restrict, review
     * (closer checks, or a punishment suspended while the data is verified), prioritise (only incentives), none.
     */
    public static String decision(List<Finding> findings) {
        List<String> order = List.of("block", "restrict", "review", "prioritise");
        String best = null;
        for (Finding f : findings) {
            String effect = f.applies() ? f.measure().effect() : "review";
            if (best == null || order.indexOf(effect) < order.indexOf(best)) {
                best = effect;
            }
        }
        return best == null ? "none" : best;
    }

    static List<Evidence> evidence(Trigger t, Facts facts, LocalDate today) {
        SubjectDocument doc = facts.subject();
        return switch (t.type()) {
            case "listed" -> listings(doc, t.lists(), today, null);
            case "seriousPenalty" -> {
                LocalDate since = today.minusMonths(t.withinMonths());
                List<Evidence> out = new ArrayList<>();
                for (SubjectDocument.Entry<PenaltyRecord> e : doc.penalties()) {
                    PenaltyRecord p = e.record();
                    if (!e.withdrawn() && "serious".equals(p.severity()) && PublicationRules.penaltyPublic(p, today)
                            && p.decisionDate() != null && !p.decisionDate().isBefore(since)) {
                        out.add(new Evidence(e.id(), "penalty", p.decisionDate(), p.authority(),
                                "严重行政处罚 " + p.decisionNumber(), p.disputedSince() != null));
                    }
                }
                yield out;
            }
            case "grade" -> doc.entity().map(EntityRecord::creditGrade)
                    .filter(g -> t.grades().contains(g.grade()))
                    .map(g -> List.of(new Evidence(null, "creditGrade", g.ratedOn(), g.evaluatedBy(),
                            "信用等级 " + g.grade(), false)))
                    .orElse(List.of());
            case "commitmentBreached" -> {
                LocalDate since = today.minusMonths(t.withinMonths());
                List<Evidence> out = new ArrayList<>();
                for (SubjectDocument.Entry<CommitmentRecord> e : doc.commitments()) {
                    CommitmentRecord c = e.record();
                    if (!e.withdrawn() && "breached".equals(c.fulfilment()) && c.committedOn() != null
                            && !c.committedOn().isBefore(since)) {
                        out.add(new Evidence(e.id(), "commitment", c.committedOn(), c.authority(), "信用承诺未履行",
                                c.disputedSince() != null));
                    }
                }
                yield out;
            }
            case "cleanRecord" -> cleanRecord(doc, t.years(), today);
            case "representativeListed" -> representativeListed(facts, t.kinds(), today);
            case "representsDishonest" -> {
                List<Evidence> out = new ArrayList<>();
                for (SubjectDocument other : facts.alsoRepresented()) {
                    if (!other.subjectId().equals(doc.subjectId())) {
                        String name = other.entity().map(EntityRecord::name).orElse(other.subjectId());
                        out.addAll(listings(other, t.lists(), today, "法定代表人 " + facts.representativeName()
                                + " 同时担任 " + name + " (" + other.subjectId() + ") 的法定代表人，该主体"));
                    }
                }
                yield out;
            }
            default -> throw new IllegalStateException("unknown trigger " + t.type());
        };
    }

    private static List<Evidence> listings(SubjectDocument doc, List<String> lists, LocalDate today, String prefix) {
        List<Evidence> out = new ArrayList<>();
        for (SubjectDocument.Entry<ListEntryRecord> e : doc.listEntries()) {
            ListEntryRecord l = e.record();
            if (!e.withdrawn() && lists.contains(l.list()) && PublicationRules.listMembershipCurrent(l, today)) {
                String listName = ListCatalog.byCode(l.list()).map(ListCatalog.ListDefinition::name).orElse(l.list());
                out.add(new Evidence(prefix == null ? e.id() : doc.subjectId(), prefix == null ? "listEntry"
                        : "representedEntity", l.listedOn(), l.authority(),
                        (prefix == null ? "" : prefix) + "列入" + listName, l.disputedSince() != null));
            }
        }
        return out;
    }

    /** 连续 N 年无不良信用记录: in business for N years, no public penalty, adverse listing or broken commitment. */
    private static List<Evidence> cleanRecord(SubjectDocument doc, int years, LocalDate today) {
        EntityRecord e = doc.entity().orElse(null);
        LocalDate since = today.minusYears(years);
        if (e == null || !"active".equals(e.status()) || e.registeredOn() == null || e.registeredOn().isAfter(since)) {
            return List.of();
        }
        boolean penalised = doc.penalties().stream().anyMatch(p -> !p.withdrawn() && !"simple".equals(p.record().severity())
                && p.record().decisionDate() != null && !p.record().decisionDate().isBefore(since));
        boolean listed = doc.listEntries().stream().anyMatch(l -> !l.withdrawn() && ListCatalog.adverse(l.record().list())
                && (l.record().removedOn() == null || !l.record().removedOn().isBefore(since)));
        boolean broken = doc.commitments().stream().anyMatch(c -> !c.withdrawn() && "breached".equals(c.record().fulfilment())
                && c.record().committedOn() != null && !c.record().committedOn().isBefore(since));
        if (penalised || listed || broken) {
            return List.of();
        }
        return List.of(new Evidence(null, "entity", e.registeredOn(), e.registrationAuthority(),
                "连续" + years + "年无不良信用记录", false));
    }

    /** The legal representative personally holds a current record of one of the kinds (its id is never shown). */
    private static List<Evidence> representativeListed(Facts facts, List<String> kinds, LocalDate today) {
        if (facts.representative() == null) {
            return List.of();
        }
        List<PersonalRecord> records = facts.representative().personRecords().stream().filter(e -> !e.withdrawn())
                .map(e -> new PersonalRecord(e.record().kind(), e.record().decidedOn(), e.record().endsOn(),
                        e.record().authority(), e.record().disputedSince() != null))
                .toList();
        return personal(records, kinds, today, "legalRepresentative", "法定代表人 " + facts.representativeName() + " 本人被列为");
    }

    /** A person's current records of the kinds, as evidence without any id. */
    private static List<Evidence> personal(List<PersonalRecord> records, List<String> kinds, LocalDate today,
            String evidenceKind, String detail) {
        List<Evidence> out = new ArrayList<>();
        for (PersonalRecord r : records) {
            if (kinds.contains(r.kind()) && r.decidedOn() != null && !r.decidedOn().isAfter(today)
                    && (r.endsOn() == null || !r.endsOn().isBefore(today))) {
                out.add(new Evidence(null, evidenceKind, r.decidedOn(), r.authority(),
                        detail + PersonRecord.KINDS.get(r.kind()), r.disputed()));
            }
        }
        return out;
    }
}
