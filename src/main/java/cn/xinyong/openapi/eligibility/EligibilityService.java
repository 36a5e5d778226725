package cn.xinyong.openapi.eligibility;
import cn.xinyong.openapi.platform.security.DecisionSigner;

import cn.xinyong.openapi.platform.TimeSource;
import cn.xinyong.openapi.readmodel.SubjectDocument;
import cn.xinyong.openapi.readmodel.SubjectStore;
import cn.xinyong.openapi.readmodel.record.EntityRecord;
import cn.xinyong.openapi.readmodel.record.ListCatalog;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;

/**
 * Decides 信易+ eligibility from the subject's Redis document alone: one round trip per subject (or
 * one per batch), every rule evaluated with its evidence, the result signed.
 */
@ApplicationScoped
public class EligibilityService {

    private final SubjectStore store;
    private final DecisionSigner signer;
    private final TimeSource time;

    /** Organisations' decisions answered again while nothing they rest on changed (xinyong.xinyi.decisions{outcome}). */
    private final cn.xinyong.openapi.platform.security.DecisionReuse<EligibilityViews.Decision> reusable;

    EligibilityService(SubjectStore store, DecisionSigner signer, TimeSource time, SchemeCatalog.XinyiConfig config,
            io.micrometer.core.instrument.MeterRegistry meters) {
        this.store = store;
        this.signer = signer;
        this.time = time;
        this.reusable = new cn.xinyong.openapi.platform.security.DecisionReuse<>(config.decisionReuse(),
                config.decisionReuseEntries(), EligibilityViews.Decision::decidedAt, EligibilityViews.Decision::expiresAt,
                meters.counter("xinyong.xinyi.decisions", "outcome", "signed"),
                meters.counter("xinyong.xinyi.decisions", "outcome", "reused"));
    }

    /** The decision, or a null item when the subject is unknown. */
    public Uni<EligibilityViews.Decision> decide(Scheme scheme, String uscc) {
        return store.subject(uscc).map(doc -> decide(scheme, uscc, doc));
    }

    public Uni<List<EligibilityViews.Decision>> decideAll(Scheme scheme, List<String> codes) {
        return store.subjects(codes).map(docs -> {
            List<EligibilityViews.Decision> out = new ArrayList<>(codes.size());
            for (int i = 0; i < codes.size(); i++) {
                out.add(decide(scheme, codes.get(i), docs.get(i)));
            }
            return out;
        });
    }

    /**
     * The decision for an organisation: the one signed for the same scheme, subject and date within the reuse window
     * while every record it rests on is unchanged (a decision names no partner, so any partner may be answered it),
     * else a new one.
     */
    EligibilityViews.Decision decide(Scheme scheme, String uscc, SubjectDocument doc) {
        if (doc.entity().isEmpty()) {
            return null;
        }
        LocalDate today = time.today();
        StringBuilder key = new StringBuilder(256).append(scheme.code()).append('|').append(scheme.hashCode()).append('|')
                .append(uscc).append('|').append(today).append('|');
        return reusable.get(doc.appendVersions(key).toString(), time.now(), () -> decideAnew(scheme, uscc, doc, today));
    }

    private EligibilityViews.Decision decideAnew(Scheme scheme, String uscc, SubjectDocument doc, LocalDate today) {
        SubjectFacts facts = facts(uscc, doc);
        List<Rule.Outcome> outcomes = scheme.rules().stream().map(r -> r.evaluate(facts, today)).toList();
        List<String> restrictions = scheme.reportsRestrictions() ? restrictions(facts, today) : null;
        return sign(scheme, uscc, outcomes, restrictions, scheme.reportsRestrictions() ? suspended(facts, today) : null,
                doc.dataAsOf());
    }

    /**
     * The decision for a natural person from the records their consent opened: rules about
     * registration and grades do not apply to persons and say so; the token names the consent, never
     * the person.
     */
    public EligibilityViews.Decision decidePerson(Scheme scheme, cn.xinyong.openapi.consent.ConsentViews.Credit credit) {
        LocalDate today = time.today();
        List<SubjectFacts.Listing> listings = new ArrayList<>();
        List<SubjectFacts.Penalty> penalties = new ArrayList<>();
        for (var r : credit.records()) {
            switch (r.kind()) {
                case "judgmentDefaulter", "seriousDishonesty" ->
                        listings.add(new SubjectFacts.Listing(r.id(), r.kind(), r.decidedOn(), r.endsOn(), null,
                                r.disputedSince() != null));
                case "penalty" -> penalties.add(new SubjectFacts.Penalty(r.id(),
                        r.severity() == null ? "general" : r.severity(), r.decidedOn(), r.disputedSince() != null));
                default -> { }
            }
        }
        String subject = "consent:" + credit.consentId();
        SubjectFacts facts = new SubjectFacts(subject, null, null, null, null, listings, penalties, List.of());
        List<Rule.Outcome> outcomes = scheme.rules().stream().map(r -> r.appliesToPersons() ? r.evaluate(facts, today)
                : new Rule.Outcome(r.type(), r.describe() + " (not applicable to natural persons)", true, List.of()))
                .toList();
        return sign(scheme, subject, outcomes, scheme.reportsRestrictions() ? restrictions(facts, today) : null,
                scheme.reportsRestrictions() ? suspended(facts, today) : null, null);
    }

    /** Restrictions of disputed memberships (suspended), or null when there are none. */
    private static List<String> suspended(SubjectFacts facts, LocalDate today) {
        List<String> out = restrictions(facts, today, true);
        return out.isEmpty() ? null : out;
    }

    private EligibilityViews.Decision sign(Scheme scheme, String subject, List<Rule.Outcome> outcomes,
            List<String> restrictions, List<String> suspendedRestrictions, Instant asOf) {
        boolean eligible = outcomes.stream().allMatch(Rule.Outcome::passed);
        Instant now = time.now().truncatedTo(ChronoUnit.SECONDS);
        Instant expires = now.plus(scheme.decisionTtl());
        String id = UUID.randomUUID().toString();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(signer.issuer());
        claims.setSubject(subject);
        claims.setAudience("xinyi:" + scheme.code());
        claims.setJwtId(id);
        claims.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(expires.getEpochSecond()));
        claims.setClaim("scheme", scheme.code());
        claims.setClaim("eligible", eligible);
        claims.setStringListClaim("benefits", eligible ? scheme.benefits() : List.of());
        if (restrictions != null) {
            claims.setStringListClaim("restrictions", restrictions);
        }
        if (suspendedRestrictions != null) {
            claims.setStringListClaim("suspendedRestrictions", suspendedRestrictions);
        }
        if (asOf != null) {
            claims.setClaim("dataAsOf", asOf.toString());
        }
        return new EligibilityViews.Decision(id, scheme.code(), subject, eligible, eligible ? scheme.benefits() : List.of(),
                outcomes, restrictions, suspendedRestrictions, asOf, now, expires, signer.sign(claims));
    }

    /** 限制高消费: the measures of every current list membership that restricts high consumption. */
    static List<String> restrictions(SubjectFacts facts, LocalDate today) {
        return restrictions(facts, today, false);
    }

    /**
     * 限制高消费: the measures of every current list membership that restricts high consumption; with
     * {@code disputed}, those of memberships under objection review instead (suspended, not applied).
     */
    static List<String> restrictions(SubjectFacts facts, LocalDate today, boolean disputed) {
        Set<String> out = new LinkedHashSet<>();
        for (SubjectFacts.Listing l : facts.listings()) {
            if (l.disputed() != disputed) {
                continue;
            }
            ListCatalog.byCode(l.list()).filter(ListCatalog.ListDefinition::restrictsHighConsumption)
                    .filter(d -> cn.xinyong.openapi.readmodel.PublicationRules.listMembershipCurrent(l.listedOn(),
                            l.removeBy(), l.removedOn(), false, today))
                    .ifPresent(d -> out.addAll(d.measures().stream().filter(m -> m.startsWith("限制")).toList()));
        }
        return List.copyOf(out);
    }

    static SubjectFacts facts(String uscc, SubjectDocument doc) {
        EntityRecord e = doc.entity().orElseThrow();
        List<SubjectFacts.Listing> listings = new ArrayList<>();
        List<SubjectFacts.Penalty> penalties = new ArrayList<>();
        List<SubjectFacts.Commitment> commitments = new ArrayList<>();
        doc.listEntries().stream().filter(x -> !x.withdrawn()).forEach(x -> listings.add(new SubjectFacts.Listing(x.id(),
                x.record().list(), x.record().listedOn(), x.record().removeBy(), x.record().removedOn(),
                x.record().disputedSince() != null)));
        doc.penalties().stream().filter(x -> !x.withdrawn()).forEach(x -> penalties.add(new SubjectFacts.Penalty(x.id(),
                x.record().severity(), x.record().decisionDate(), x.record().disputedSince() != null)));
        doc.commitments().stream().filter(x -> !x.withdrawn()).forEach(x -> commitments.add(new SubjectFacts.Commitment(
                x.id(), x.record().type(), x.record().committedOn(), x.record().fulfilment(),
                x.record().disputedSince() != null)));
        EntityRecord.CreditGrade g = e.creditGrade();
        return new SubjectFacts(uscc, e.status(), e.registeredOn(), g == null ? null : g.grade(),
                g == null ? null : g.ratedOn(), listings, penalties, commitments);
    }
}
