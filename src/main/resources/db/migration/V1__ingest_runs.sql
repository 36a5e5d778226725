-- One row per ingest batch or bulk load: who sent what, and how it went.
CREATE SEQUENCE ingest_run_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE ingest_run (
    id          BIGINT PRIMARY KEY,
    source      VARCHAR(200) NOT NULL,
    started_at  TIMESTAMPTZ  NOT NULL,
    finished_at TIMESTAMPTZ  NOT NULL,
    lines       BIGINT       NOT NULL,
    applied     BIGINT       NOT NULL,
    stale       BIGINT       NOT NULL,
    rejected    BIGINT       NOT NULL
);
CREATE INDEX ingest_run_started ON ingest_run (started_at DESC);
