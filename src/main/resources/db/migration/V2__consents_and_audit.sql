-- A person's consent to a partner reading some kinds of their records for one purpose until expiry.
CREATE TABLE consent (
    id           UUID PRIMARY KEY,
    subject_hash VARCHAR(64)  NOT NULL,
    partner_id   VARCHAR(100) NOT NULL,
    purpose      VARCHAR(40)  NOT NULL,
    record_kinds VARCHAR(200) NOT NULL,
    granted_at   TIMESTAMPTZ  NOT NULL,
    expires_at   TIMESTAMPTZ  NOT NULL,
    revoked_at   TIMESTAMPTZ
);
CREATE INDEX consent_subject ON consent (subject_hash, granted_at DESC);

-- Every access to personal records, allowed or refused. Append-only, each row chained to the one
-- before by hash so that any change shows.
CREATE SEQUENCE access_audit_seq START WITH 1 INCREMENT BY 1;
CREATE TABLE access_audit (
    id           BIGINT PRIMARY KEY,
    at           TIMESTAMPTZ  NOT NULL,
    subject_hash VARCHAR(64)  NOT NULL,
    partner_id   VARCHAR(100) NOT NULL,
    purpose      VARCHAR(40),
    consent_id   UUID,
    outcome      VARCHAR(10)  NOT NULL,
    reason       VARCHAR(200),
    record_kinds VARCHAR(200),
    prev_hash    CHAR(64)     NOT NULL,
    hash         CHAR(64)     NOT NULL
);
CREATE INDEX access_audit_subject ON access_audit (subject_hash, id DESC);

CREATE FUNCTION access_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'access_audit is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER access_audit_no_change BEFORE UPDATE OR DELETE ON access_audit
    FOR EACH ROW EXECUTE FUNCTION access_audit_append_only();
