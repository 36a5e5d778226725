package cn.xinyong.openapi.consent;

import cn.xinyong.openapi.platform.db.Database;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * The append-only, hash-chained audit of personal-record access. Appends are serialised by a
 * transaction-scoped advisory lock so the chain has one order; {@link #verify()} recomputes it.
 */
@ApplicationScoped
public class AuditTrail {

    static final String GENESIS = "0".repeat(64);
    private static final long LOCK = 0x5859_4155_4449_54L;
    private final cn.xinyong.openapi.platform.TimeSource time;

    AuditTrail(cn.xinyong.openapi.platform.TimeSource time) {
        this.time = time;
    }

    /** The outcome of checking the whole chain. */
    public record Verification(boolean intact, long entries, Long firstBrokenId) {
    }

    /** Appends one entry in its own transaction. */
    public Uni<AccessRecord> append(String subjectHash, String partnerId, String purpose, UUID consentId, boolean allowed,
            String reason, String recordKinds) {
        return Database.transaction(() -> Panache.getSession()
                .flatMap(s -> s.createNativeQuery("select cast(1 as integer) from (select pg_advisory_xact_lock(" + LOCK
                        + ")) l", Integer.class).getSingleResult())
                .flatMap(x -> AccessRecord.<AccessRecord>find("order by id desc").<AccessRecord>firstResult())
                .flatMap((AccessRecord last) -> Panache.getSession().flatMap(s -> s.createNativeQuery(
                        "select nextval('access_audit_seq')", Long.class).getSingleResult())
                        .flatMap(id -> {
                            AccessRecord r = new AccessRecord();
                            r.id = id;
                            r.at = time.now().truncatedTo(ChronoUnit.MICROS);
                            r.subjectHash = subjectHash;
                            r.partnerId = partnerId;
                            r.purpose = purpose;
                            r.consentId = consentId;
                            r.outcome = allowed ? "allowed" : "refused";
                            r.reason = reason == null || reason.length() <= 200 ? reason : reason.substring(0, 200);
                            r.recordKinds = recordKinds;
                            r.prevHash = last == null ? GENESIS : last.hash;
                            r.hash = hash(r);
                            return r.<AccessRecord>persist();
                        })));
    }

    /** The subject's entries, newest first. */
    public Uni<List<AccessRecord>> forSubject(String subjectHash, int limit) {
        return Database.session(() -> AccessRecord.<AccessRecord>find("subjectHash = ?1 order by id desc", subjectHash)
                .page(0, limit).list());
    }

    /** Recomputes every hash in order; the first entry whose hash or link does not hold is reported. */
    public Uni<Verification> verify() {
        return Database.session(() -> AccessRecord.<AccessRecord>find("order by id").list()).map(all -> {
            String prev = GENESIS;
            for (AccessRecord r : all) {
                if (!r.prevHash.equals(prev) || !r.hash.equals(hash(r))) {
                    return new Verification(false, all.size(), r.id);
                }
                prev = r.hash;
            }
            return new Verification(true, all.size(), null);
        });
    }

    static String hash(AccessRecord r) {
        String canonical = String.join("\u001f", String.valueOf(r.id), r.at.truncatedTo(ChronoUnit.MICROS).toString(),
                r.subjectHash, r.partnerId, String.valueOf(r.purpose), String.valueOf(r.consentId), r.outcome,
                String.valueOf(r.reason), String.valueOf(r.recordKinds), r.prevHash);
        return cn.xinyong.openapi.platform.text.Sha256.hex(canonical.getBytes(StandardCharsets.UTF_8));
    }
}
