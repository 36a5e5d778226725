package cn.xinyong.openapi.reports;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A credit report (信用报告) as issued: what verification needs, never its content. */
@Entity
@Table(name = "credit_report")
public class IssuedReport extends PanacheEntityBase {
    @Id
    public String number;
    @Column(nullable = false)
    public String code;
    @Column(nullable = false)
    public String subject;
    @Column(name = "subject_name", nullable = false)
    public String subjectName;
    @Column(nullable = false)
    public String format;
    /** SHA-256 (hex) of the bytes handed out: the PDF, or the JSON report's signed token. */
    @Column(nullable = false)
    public String digest;
    @Column(name = "issued_at", nullable = false)
    public Instant issuedAt;
}
