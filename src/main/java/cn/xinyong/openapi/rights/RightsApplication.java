package cn.xinyong.openapi.rights;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A subject's application about one of its records: an objection (异议) or a repair (信用修复). */
@Entity
@Table(name = "rights_application")
public class RightsApplication extends PanacheEntityBase {
    @Id
    public String number;
    @Column(nullable = false)
    public long seq;
    @Column(nullable = false)
    public String kind;
    @Column(name = "applicant_kind", nullable = false)
    public String applicantKind;
    /** The organisation's 统一社会信用代码, or the resident's keyed hash. */
    @Column(nullable = false)
    public String applicant;
    @Column(nullable = false)
    public String dataset;
    @Column(name = "record_id", nullable = false)
    public String recordId;
    @Column(nullable = false)
    public String reason;
    /** The evidence references as a JSON array. */
    @Column(nullable = false)
    public String evidence;
    @Column(nullable = false)
    public String status;
    @Column(name = "submitted_at", nullable = false)
    public Instant submittedAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
