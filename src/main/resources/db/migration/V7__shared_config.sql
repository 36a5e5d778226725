-- Configuration operators change without a release (信易+ schemes, 联合奖惩措施清单), shared by every instance:
-- one row per configuration, the document in force, its SHA-256 digest (hex) and a revision that only grows.
-- Instances poll (name, revision, digest) and read the document only when the revision is newer than theirs.
CREATE TABLE shared_config (
    name       VARCHAR(100) PRIMARY KEY,
    document   BYTEA        NOT NULL,
    digest     CHAR(64)     NOT NULL,
    revision   BIGINT       NOT NULL CHECK (revision > 0),
    updated_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);
