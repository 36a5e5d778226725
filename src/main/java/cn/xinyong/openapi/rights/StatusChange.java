package cn.xinyong.openapi.rights;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One step of an application's history: the status it reached, when, and the deciding side's note. */
@Entity
@Table(name = "rights_status_change")
public class StatusChange extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(nullable = false)
    public String number;
    @Column(nullable = false)
    public String status;
    @Column(nullable = false)
    public Instant at;
    public String note;
}
