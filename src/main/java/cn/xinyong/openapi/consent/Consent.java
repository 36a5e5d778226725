package cn.xinyong.openapi.consent;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** 授权: a person lets one partner read some kinds of their records, for one purpose, until expiry. */
@Entity
@Table(name = "consent")
public class Consent extends PanacheEntityBase {
    @Id
    public UUID id;
    @Column(name = "subject_hash", nullable = false)
    public String subjectHash;
    @Column(name = "partner_id", nullable = false)
    public String partnerId;
    @Column(nullable = false)
    public String purpose;
    @Column(name = "record_kinds", nullable = false)
    public String recordKinds;
    @Column(name = "granted_at", nullable = false)
    public Instant grantedAt;
    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;
    @Column(name = "revoked_at")
    public Instant revokedAt;

    public List<String> kinds() {
        return Arrays.asList(recordKinds.split(","));
    }

    /** active, revoked or expired at the given instant. */
    public String state(Instant now) {
        if (revokedAt != null) {
            return "revoked";
        }
        return now.isBefore(expiresAt) ? "active" : "expired";
    }
}
