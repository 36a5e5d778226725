package cn.xinyong.openapi.ingest;

import io.quarkus.hibernate.reactive.panache.PanacheEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

/** A record of one ingest batch, kept in PostgreSQL for operators (who sent what, and how it went). */
@Entity
@Table(name = "ingest_run")
public class IngestRun extends PanacheEntity {
    @Column(nullable = false)
    public String source;
    @Column(name = "started_at", nullable = false)
    public Instant startedAt;
    @Column(name = "finished_at", nullable = false)
    public Instant finishedAt;
    public long lines;
    public long applied;
    public long stale;
    public long rejected;
}
