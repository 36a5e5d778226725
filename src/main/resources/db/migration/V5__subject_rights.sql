-- Subjects' applications about their own records: objections (异议) now, repair (信用修复) with the same model.
-- seq orders the internal feed the platform collects new applications from.
CREATE SEQUENCE rights_application_seq START WITH 1 INCREMENT BY 1;
CREATE TABLE rights_application (
    number          VARCHAR(32)   PRIMARY KEY,
    seq             BIGINT        NOT NULL UNIQUE,
    kind            VARCHAR(12)   NOT NULL CHECK (kind IN ('objection', 'repair')),
    applicant_kind  VARCHAR(12)   NOT NULL CHECK (applicant_kind IN ('organisation', 'resident')),
    -- the organisation's 统一社会信用代码, or the resident's keyed hash (never the ID itself)
    applicant       VARCHAR(64)   NOT NULL,
    dataset         VARCHAR(20)   NOT NULL,
    record_id       VARCHAR(128)  NOT NULL,
    reason          VARCHAR(2000) NOT NULL,
    evidence        VARCHAR(4000) NOT NULL,
    status          VARCHAR(12)   NOT NULL,
    submitted_at    TIMESTAMPTZ   NOT NULL,
    updated_at      TIMESTAMPTZ   NOT NULL
);
CREATE INDEX rights_application_applicant ON rights_application (applicant, submitted_at DESC);
CREATE INDEX rights_application_record ON rights_application (dataset, record_id);

-- Each status an application went through, with its date and note (the history the applicant reads).
CREATE TABLE rights_status_change (
    id      BIGSERIAL    PRIMARY KEY,
    number  VARCHAR(32)  NOT NULL REFERENCES rights_application (number),
    status  VARCHAR(12)  NOT NULL,
    at      TIMESTAMPTZ  NOT NULL,
    note    VARCHAR(1000)
);
CREATE INDEX rights_status_change_number ON rights_status_change (number, id);
