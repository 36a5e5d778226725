package cn.xinyong.openapi.consent;

import cn.xinyong.openapi.platform.db.Database;
import cn.xinyong.openapi.platform.problem.ApiProblem;
import cn.xinyong.openapi.platform.problem.ProblemType;
import cn.xinyong.openapi.readmodel.SubjectDocument;
import cn.xinyong.openapi.readmodel.SubjectStore;
import cn.xinyong.openapi.readmodel.record.PersonRecord;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Consents and the personal records they open. Every check reads PostgreSQL, so a revocation takes
 * effect at once on every instance; every read or refusal goes to the audit trail.
 */
@ApplicationScoped
public class ConsentService {

    private final AuditTrail audit;
    private final SubjectStore store;

    private final cn.xinyong.openapi.platform.TimeSource time;

    private final cn.xinyong.openapi.platform.security.DecisionSigner signer;
    private final com.fasterxml.jackson.databind.ObjectMapper mapper;

    ConsentService(AuditTrail audit, SubjectStore store, cn.xinyong.openapi.platform.TimeSource time,
            cn.xinyong.openapi.platform.security.DecisionSigner signer, com.fasterxml.jackson.databind.ObjectMapper mapper) {
        this.signer = signer;
        this.mapper = mapper;
        this.audit = audit;
        this.store = store;
        this.time = time;
    }

    public Uni<Consent> grant(String subjectHash, ConsentViews.Grant g) {
        Consent c = new Consent();
        c.id = UUID.randomUUID();
        c.subjectHash = subjectHash;
        c.partnerId = g.partnerId().strip();
        c.purpose = g.purpose();
        c.recordKinds = String.join(",", g.recordKinds().stream().distinct().sorted().toList());
        c.grantedAt = time.now().truncatedTo(ChronoUnit.MICROS);
        c.expiresAt = g.expiresAt().truncatedTo(ChronoUnit.MICROS);
        return Database.transaction(c::<Consent>persist);
    }

    public Uni<List<Consent>> list(String subjectHash) {
        return Database.session(() -> Consent.<Consent>find("subjectHash = ?1 order by grantedAt desc", subjectHash).list());
    }

    /** Revokes the subject's own consent; a null item when there is no such consent of theirs. */
    public Uni<Consent> revoke(String subjectHash, UUID id) {
        return Database.transaction(() -> Consent.<Consent>findById(id).flatMap(c -> {
            if (c == null || !c.subjectHash.equals(subjectHash)) {
                return Uni.createFrom().nullItem();
            }
            if (c.revokedAt == null) {
                c.revokedAt = time.now().truncatedTo(ChronoUnit.MICROS);
            }
            return Uni.createFrom().item(c);
        }));
    }

    /**
     * The consented records for the partner, or 403 when the consent is unknown, someone else's,
     * revoked, expired or for another purpose. Either way the attempt is audited.
     */
    public Uni<ConsentViews.Credit> read(String partnerId, UUID consentId, String purpose) {
        return read(partnerId, consentId, purpose, Set.of());
    }

    /** As {@link #read(String, UUID, String)}, refusing too a consent that does not cover {@code needed}. */
    public Uni<ConsentViews.Credit> read(String partnerId, UUID consentId, String purpose, Set<String> needed) {
        Uni<Consent> found = Database.session(() -> Consent.<Consent>findById(consentId));
        return found.flatMap(c -> {
            String problem = refusal(c, partnerId, purpose, time.now());
            String refusal = problem == null && !c.kinds().containsAll(needed)
                    ? "The consent must cover " + new java.util.TreeSet<>(needed) + " for " + purpose : problem;
            if (refusal != null) {
                Uni<ConsentViews.Credit> refused = audit.append(c == null ? "-" : c.subjectHash, partnerId, purpose,
                        consentId, false, refusal, null)
                        .flatMap(x -> Uni.createFrom().failure(new ApiProblem(ProblemType.FORBIDDEN, refusal)));
                return refused;
            }
            Uni<List<ConsentViews.Record>> records = store.subject(c.subjectHash).map(doc -> records(doc, c.kinds()));
            return records
                    .call(r -> audit.append(c.subjectHash, partnerId, purpose, consentId, true, null, c.recordKinds))
                    .map(r -> new ConsentViews.Credit(c.id, c.purpose, c.kinds(), r));
        });
    }

    /**
     * A resident's own report: every kind of their records, signed, naming no one (the token carries neither the
     * ID nor its hash); audited as the subject's own read.
     */
    public Uni<ConsentViews.PersonalReport> ownReport(String subjectHash) {
        return own(subjectHash).map(records -> {
            UUID id = UUID.randomUUID();
            java.time.Instant now = time.now();
            org.jose4j.jwt.JwtClaims claims = new org.jose4j.jwt.JwtClaims();
            claims.setIssuer(signer.issuer());
            claims.setJwtId(id.toString());
            claims.setAudience("personal-credit-report");
            claims.setIssuedAt(org.jose4j.jwt.NumericDate.fromMilliseconds(now.toEpochMilli()));
            claims.setClaim("records", mapper.convertValue(records, List.class));
            return new ConsentViews.PersonalReport(id, now, records, signer.sign(claims));
        });
    }

    /** A resident's own records, every kind; the read is audited as the subject's own. */
    public Uni<List<ConsentViews.Record>> own(String subjectHash) {
        Uni<List<ConsentViews.Record>> records = store.subject(subjectHash)
                .map(doc -> records(doc, List.copyOf(PersonRecord.KINDS.keySet())));
        return records.call(r -> audit.append(subjectHash, "self", "self", null, true, null, null));
    }

    static String refusal(Consent c, String partnerId, String purpose, Instant now) {
        if (c == null || !c.partnerId.equals(partnerId)) {
            return "No consent with this id was given to you";
        }
        String state = c.state(now);
        if (!"active".equals(state)) {
            return "The consent is " + state;
        }
        if (!c.purpose.equals(purpose)) {
            return "The consent was given for " + c.purpose + ", not " + purpose;
        }
        return null;
    }

    private static List<ConsentViews.Record> records(SubjectDocument doc, List<String> kinds) {
        List<ConsentViews.Record> out = new ArrayList<>();
        for (SubjectDocument.Entry<PersonRecord> e : doc.personRecords()) {
            PersonRecord r = e.record();
            if (!e.withdrawn() && kinds.contains(r.kind())) {
                out.add(new ConsentViews.Record(e.id(), r.kind(), PersonRecord.KINDS.get(r.kind()), r.summary(),
                        r.authority(), r.decidedOn(), r.endsOn(), r.amount(), r.severity(), r.disputedSince()));
            }
        }
        out.sort(Comparator.comparing(ConsentViews.Record::decidedOn).reversed());
        return out;
    }
}
