package cn.xinyong.openapi.eligibility;

import cn.xinyong.openapi.readmodel.PublicationRules;
import cn.xinyong.openapi.readmodel.record.ListCatalog;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** One eligibility rule, configured as data; evaluated against a subject's facts with evidence. */
public sealed interface Rule {

    /**
     * A rule's outcome: passed or not, in words, with the records that decided it; {@code suspended} when
     * it failed only on records under objection review (异议核查中), which then do not count against the subject.
     */
    record Outcome(String rule, String description, boolean passed, List<Evidence> evidence,
            @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "Passed only because every "
                    + "record against the subject is under objection review (异议核查中)") boolean suspended) {

        public Outcome(String rule, String description, boolean passed, List<Evidence> evidence) {
            this(rule, description, passed, evidence, false);
        }

        /** A rule that fails on any of {@code hits}, unless every one of them is disputed (then it is suspended). */
        static Outcome failsOn(String rule, String description, List<Evidence> hits) {
            boolean suspended = !hits.isEmpty() && hits.stream().allMatch(Evidence::disputed);
            return new Outcome(rule, suspended ? description + " (suspended: the records are under objection review)"
                    : description, hits.isEmpty() || suspended, hits, suspended);
        }
    }

    /** Whether the rule means anything for a natural person (registration and grades do not). */
    default boolean appliesToPersons() {
        return true;
    }

    /** The record kinds a person's consent must cover for this rule to be decided. */
    default Set<String> personKindsNeeded() {
        return Set.of();
    }

    /** A record that bears on the outcome; {@code disputed} when it is under objection review. */
    record Evidence(String recordId, String kind, LocalDate date, String detail, boolean disputed) {
        public Evidence(String recordId, String kind, LocalDate date, String detail) {
            this(recordId, kind, date, detail, false);
        }
    }

    String type();

    String describe();

    Outcome evaluate(SubjectFacts facts, LocalDate today);

    /** 登记状态 must be one of the allowed statuses (e.g. 存续). */
    record Status(Set<String> allowed) implements Rule {
        public boolean appliesToPersons() {
            return false;
        }

        public String type() {
            return "status";
        }

        public String describe() {
            return "registration status is one of " + allowed;
        }

        public Outcome evaluate(SubjectFacts f, LocalDate today) {
            boolean ok = f.status() != null && allowed.contains(f.status());
            return new Outcome(type(), describe(), ok, List.of(new Evidence(null, "entity", f.registeredOn(),
                    "status " + f.status())));
        }
    }

    /** Not currently on any of the named lists. */
    record NotListed(Set<String> lists) implements Rule {
        public Set<String> personKindsNeeded() {
            Set<String> kinds = new java.util.HashSet<>(lists);
            kinds.retainAll(Set.of("judgmentDefaulter", "seriousDishonesty"));
            return kinds;
        }

        public String type() {
            return "notListed";
        }

        public String describe() {
            return "not currently on " + lists;
        }

        public Outcome evaluate(SubjectFacts f, LocalDate today) {
            List<Evidence> hits = new ArrayList<>();
            for (SubjectFacts.Listing l : f.listings()) {
                if (lists.contains(l.list())
                        && PublicationRules.listMembershipCurrent(l.listedOn(), l.removeBy(), l.removedOn(), false, today)) {
                    hits.add(new Evidence(l.id(), "listEntry", l.listedOn(), "listed on "
                            + ListCatalog.byCode(l.list()).map(ListCatalog.ListDefinition::name).orElse(l.list()),
                            l.disputed()));
                }
            }
            return Outcome.failsOn(type(), describe(), hits);
        }
    }

    /** 信用等级 at least {@code grade} (A best, D worst); a subject without a grade passes only if allowed. */
    record MinGrade(String grade, boolean allowUngraded) implements Rule {
        public boolean appliesToPersons() {
            return false;
        }

        public String type() {
            return "minGrade";
        }

        public String describe() {
            return "credit grade " + grade + " or better" + (allowUngraded ? " (ungraded subjects pass)" : "");
        }

        public Outcome evaluate(SubjectFacts f, LocalDate today) {
            if (f.grade() == null) {
                return new Outcome(type(), describe(), allowUngraded, List.of(new Evidence(null, "grade", null, "not graded")));
            }
            boolean ok = f.grade().compareTo(grade) <= 0;
            return new Outcome(type(), describe(), ok, List.of(new Evidence(null, "grade", f.gradedOn(), "grade " + f.grade())));
        }
    }

    /** No penalty of the given severities decided within the last N months. */
    record NoPenalty(Set<String> severities, int withinMonths) implements Rule {
        public Set<String> personKindsNeeded() {
            return Set.of("penalty");
        }

        public String type() {
            return "noPenalty";
        }

        public String describe() {
            return "no " + severities + " penalty in the last " + withinMonths + " months";
        }

        public Outcome evaluate(SubjectFacts f, LocalDate today) {
            LocalDate since = today.minusMonths(withinMonths);
            List<Evidence> hits = new ArrayList<>();
            for (SubjectFacts.Penalty p : f.penalties()) {
                if (severities.contains(p.severity()) && p.decidedOn() != null && !p.decidedOn().isBefore(since)) {
                    hits.add(new Evidence(p.id(), "penalty", p.decidedOn(), p.severity() + " penalty", p.disputed()));
                }
            }
            return Outcome.failsOn(type(), describe(), hits);
        }
    }

    /** Registered at least N months ago. */
    record RegisteredFor(int months) implements Rule {
        public boolean appliesToPersons() {
            return false;
        }

        public String type() {
            return "registeredFor";
        }

        public String describe() {
            return "registered at least " + months + " months ago";
        }

        public Outcome evaluate(SubjectFacts f, LocalDate today) {
            boolean ok = f.registeredOn() != null && !f.registeredOn().isAfter(today.minusMonths(months));
            return new Outcome(type(), describe(), ok, List.of(new Evidence(null, "entity", f.registeredOn(), "registered")));
        }
    }

    /** No credit commitment left unfulfilled (breached). */
    record CommitmentsKept() implements Rule {
        public boolean appliesToPersons() {
            return false;
        }

        public String type() {
            return "commitmentsKept";
        }

        public String describe() {
            return "no breached credit commitment";
        }

        public Outcome evaluate(SubjectFacts f, LocalDate today) {
            List<Evidence> hits = f.commitments().stream().filter(c -> "breached".equals(c.fulfilment()))
                    .map(c -> new Evidence(c.id(), "commitment", c.committedOn(), "commitment breached", c.disputed())).toList();
            return Outcome.failsOn(type(), describe(), hits);
        }
    }
}
