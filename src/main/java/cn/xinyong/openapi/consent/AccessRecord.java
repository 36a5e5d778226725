package cn.xinyong.openapi.consent;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One access to a person's records (查询记录), allowed or refused; chained to the previous by hash. */
@Entity
@Table(name = "access_audit")
public class AccessRecord extends PanacheEntityBase {
    @Id
    public Long id;
    @Column(nullable = false)
    public Instant at;
    @Column(name = "subject_hash", nullable = false)
    public String subjectHash;
    @Column(name = "partner_id", nullable = false)
    public String partnerId;
    public String purpose;
    @Column(name = "consent_id")
    public UUID consentId;
    @Column(nullable = false)
    public String outcome;
    public String reason;
    @Column(name = "record_kinds")
    public String recordKinds;
    @Column(name = "prev_hash", nullable = false)
    public String prevHash;
    @Column(nullable = false)
    public String hash;
}
