package cn.xinyong.openapi.measures;

import cn.xinyong.openapi.consent.ConsentService;
import cn.xinyong.openapi.platform.TimeSource;
import cn.xinyong.openapi.platform.security.DecisionSigner;
import cn.xinyong.openapi.readmodel.SubjectDocument;
import cn.xinyong.openapi.readmodel.SubjectStore;
import cn.xinyong.openapi.readmodel.record.EntityRecord;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;

/**
 * The 应查必查 check: for subjects and a matter, every applicable measure with its class, basis,
 * implementing authorities and triggering records, one overall decision, signed with the 信易+ key. Reads
 * the subjects' documents in one round trip; follows legal representatives only when the matter has a
 * measure that reaches them.
 */
@ApplicationScoped
public class CheckService {

    private final SubjectStore store;
    private final MeasureCatalog catalog;
    private final DecisionSigner signer;
    private final TimeSource time;
    private final MeasureCatalog.MeasuresConfig config;
    private final ConsentService consents;
    /** The consent purpose (授权用途) a person's check reads their records under: 联合奖惩核查. */
    public static final String PERSON_PURPOSE = "measureCheck";
    /** Signed decisions answered again while nothing they rest on changed, by {@link #reuseKey}. */
    private final cn.xinyong.openapi.platform.security.DecisionReuse<MeasureViews.Decision> reusable;
    /** Decisions signed (xinyong.measures.decisions{outcome}); the person's check signs every time. */
    private final io.micrometer.core.instrument.Counter signed;

    CheckService(SubjectStore store, MeasureCatalog catalog, DecisionSigner signer, TimeSource time,
            MeasureCatalog.MeasuresConfig config, ConsentService consents,
            io.micrometer.core.instrument.MeterRegistry meters) {
        this.consents = consents;
        this.signed = meters.counter("xinyong.measures.decisions", "outcome", "signed");
        this.reusable = new cn.xinyong.openapi.platform.security.DecisionReuse<>(config.decisionReuse(),
                config.decisionReuseEntries(), MeasureViews.Decision::decidedAt, MeasureViews.Decision::expiresAt, signed,
                meters.counter("xinyong.measures.decisions", "outcome", "reused"));
        this.store = store;
        this.catalog = catalog;
        this.signer = signer;
        this.time = time;
        this.config = config;
    }

    public Uni<MeasureViews.Decision> check(String uscc, String matter, String partner) {
        return checkAll(List.of(uscc), matter, partner).map(list -> list.get(0));
    }

    /** Decisions for the subjects, in the order asked. */
    public Uni<List<MeasureViews.Decision>> checkAll(List<String> codes, String matter, String partner) {
        MeasureCatalogue catalogue = catalog.current();
        List<Measure> measures = catalogue.forMatter(matter);
        boolean personal = measures.stream().anyMatch(m -> m.trigger().type().equals("representativeListed"));
        boolean represented = measures.stream().anyMatch(m -> m.trigger().type().equals("representsDishonest"));
        return store.subjects(codes).flatMap(docs -> linked(docs, personal, represented).map(links -> {
            LocalDate today = time.today();
            List<MeasureViews.Decision> out = new ArrayList<>(codes.size());
            for (int i = 0; i < codes.size(); i++) {
                SubjectDocument doc = docs.get(i);
                String hash = doc.representative().orElse(null);
                MeasureRules.Facts facts = new MeasureRules.Facts(doc, hash == null ? null : links.persons().get(hash),
                        hash == null ? List.of() : links.entitiesOf(hash));
                out.add(decideOrReuse(catalogue, codes.get(i), matter, facts, partner, today));
            }
            return out;
        }));
    }

    /** The linked persons' documents and the other entities they represent. */
    private record Links(Map<String, SubjectDocument> persons, Map<String, List<SubjectDocument>> entities) {
        List<SubjectDocument> entitiesOf(String hash) {
            return entities.getOrDefault(hash, List.of());
        }
    }

    private Uni<Links> linked(List<SubjectDocument> docs, boolean personal, boolean represented) {
        List<String> hashes = docs.stream().map(d -> d.representative().orElse(null)).filter(h -> h != null).distinct()
                .toList();
        if (hashes.isEmpty() || (!personal && !represented)) {
            return Uni.createFrom().item(new Links(Map.of(), Map.of()));
        }
        Uni<Map<String, SubjectDocument>> persons = personal ? store.subjects(hashes).map(list -> {
            Map<String, SubjectDocument> byHash = new HashMap<>();
            for (int i = 0; i < hashes.size(); i++) {
                byHash.put(hashes.get(i), list.get(i));
            }
            return byHash;
        }) : Uni.createFrom().item(Map.of());
        Uni<Map<String, List<SubjectDocument>>> entities = represented ? store.representedBy(hashes).flatMap(byHash -> {
            List<String> codes = new ArrayList<>(new LinkedHashSet<>(byHash.values().stream().flatMap(List::stream).toList()));
            return store.subjects(codes).map(list -> {
                Map<String, SubjectDocument> byCode = new HashMap<>();
                for (int i = 0; i < codes.size(); i++) {
                    byCode.put(codes.get(i), list.get(i));
                }
                Map<String, List<SubjectDocument>> out = new HashMap<>();
                byHash.forEach((h, cs) -> out.put(h, cs.stream().map(byCode::get).toList()));
                return out;
            });
        }) : Uni.createFrom().item(Map.of());
        return Uni.combine().all().unis(persons, entities).asTuple().map(t -> new Links(t.getItem1(), t.getItem2()));
    }

    /**
     * The partner's decision for the same question made within the reuse window, if every document it rests on
     * is at the same version (and the date and catalogue are the same); else a new, signed one. A signature
     * costs more CPU than the rest of a check: answering an unchanged question again is what keeps checks
     * as cheap as lookups. A reused decision keeps its id, time and token.
     */
    private MeasureViews.Decision decideOrReuse(MeasureCatalogue catalogue, String uscc, String matter,
            MeasureRules.Facts facts, String partner, LocalDate today) {
        return reusable.get(reuseKey(catalogue, uscc, matter, facts, partner, today), time.now(),
                () -> decide(catalogue, uscc, matter, facts, partner, today));
    }

    private static String reuseKey(MeasureCatalogue catalogue, String uscc, String matter, MeasureRules.Facts facts,
            String partner, LocalDate today) {
        StringBuilder key = new StringBuilder(256).append(partner).append('|').append(uscc).append('|').append(matter)
                .append('|').append(catalogue.etag()).append('|').append(today).append('|');
        facts.subject().appendVersions(key);
        if (facts.representative() != null) {
            facts.representative().appendVersions(key.append('|'));
        }
        facts.alsoRepresented().forEach(d -> d.appendVersions(key.append('|').append(d.subjectId()).append('=')));
        return key.toString();
    }

    MeasureViews.Decision decide(MeasureCatalogue catalogue, String uscc, String matter, MeasureRules.Facts facts,
            String partner, LocalDate today) {
        SubjectDocument doc = facts.subject();
        boolean known = doc.entity().isPresent();
        List<MeasureRules.Finding> findings = known ? MeasureRules.findings(catalogue, matter, facts, today) : List.of();
        return signed(catalogue, matter, partner, uscc, doc.entity().map(EntityRecord::name).orElse(null), null, findings,
                known ? MeasureRules.decision(findings) : "unknown", doc.dataAsOf());
    }

    /**
     * A natural person's check (自然人应查必查): their own records, read with their consent for the purpose
     * {@code measureCheck} (the read is audited, and refused when the consent is missing, revoked, expired, for
     * another partner or does not cover the kinds the matter's measures look at), against the measures that
     * target a person. The decision names the consent, never the person; it is signed every time.
     */
    public Uni<MeasureViews.Decision> checkPerson(UUID consentId, String matter, String partner) {
        MeasureCatalogue catalogue = catalog.current();
        return consents.read(partner, consentId, PERSON_PURPOSE, MeasureRules.personKindsNeeded(catalogue, matter))
                .map(credit -> {
                    List<MeasureRules.PersonalRecord> records = credit.records().stream()
                            .map(r -> new MeasureRules.PersonalRecord(r.kind(), r.decidedOn(), r.endsOn(), r.authority(),
                                    r.disputedSince() != null))
                            .toList();
                    List<MeasureRules.Finding> findings = MeasureRules.personFindings(catalogue, matter, records, time.today());
                    signed.increment();
                    return signed(catalogue, matter, partner, null, null, consentId, findings,
                            MeasureRules.decision(findings), null);
                });
    }

    /** The decision's answer and its signed token (the subject is the USCC, or the consent for a person). */
    private MeasureViews.Decision signed(MeasureCatalogue catalogue, String matter, String partner, String uscc,
            String subjectName, UUID consentId, List<MeasureRules.Finding> findings, String decision, Instant dataAsOf) {
        List<MeasureViews.Applicable> applicable = findings.stream().map(CheckService::view).toList();
        Instant now = time.now().truncatedTo(ChronoUnit.SECONDS);
        Instant expires = now.plus(config.decisionTtl());
        String id = UUID.randomUUID().toString();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(signer.issuer());
        claims.setSubject(uscc != null ? uscc : "consent:" + consentId);
        claims.setAudience("measures:" + matter);
        claims.setJwtId(id);
        claims.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(expires.getEpochSecond()));
        claims.setClaim("matter", matter);
        claims.setClaim("decision", decision);
        claims.setStringListClaim("applies", codes(findings, true));
        claims.setStringListClaim("suspended", codes(findings, false));
        claims.setClaim("partner", partner);
        claims.setClaim("catalogueVersion", catalogue.version());
        if (consentId != null) {
            claims.setClaim("consent", consentId.toString());
        }
        if (dataAsOf != null) {
            claims.setClaim("dataAsOf", dataAsOf.toString());
        }
        return new MeasureViews.Decision(id, uscc, subjectName, consentId, matter, catalogue.matters().get(matter), decision,
                applicable, catalogue.version(), dataAsOf, now, expires, signer.sign(claims));
    }

    private static List<String> codes(List<MeasureRules.Finding> findings, boolean applied) {
        return findings.stream().filter(f -> f.applies() == applied).map(f -> f.measure().code()).toList();
    }

    private static MeasureViews.Applicable view(MeasureRules.Finding f) {
        Measure m = f.measure();
        return new MeasureViews.Applicable(m.code(), m.name(), m.kind(), m.measureClass(), m.group(), m.effect(), f.status(),
                m.targets(), m.implementingAuthorities(), m.basis(), m.text(), f.evidence().stream()
                        .map(e -> new MeasureViews.Evidence(e.recordId(), e.kind(), e.date(), e.authority(), e.detail(),
                                e.disputed())).toList());
    }

    /** The matter codes (for validating requests). */
    public Set<String> matters() {
        return catalog.current().matters().keySet();
    }
}
