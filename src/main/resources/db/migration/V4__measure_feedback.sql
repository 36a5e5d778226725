-- Execution feedback on 联合奖惩 decisions (执行反馈): what the checking system did with each decision.
-- One row per decision (a replay changes nothing); seq orders the internal feed the platform collects.
CREATE TABLE measure_feedback (
    decision_id        VARCHAR(64)   PRIMARY KEY,
    seq                BIGSERIAL     NOT NULL UNIQUE,
    partner_id         VARCHAR(200)  NOT NULL,
    subject            VARCHAR(64)   NOT NULL,
    matter             VARCHAR(64)   NOT NULL,
    decision           VARCHAR(16)   NOT NULL,
    measures           VARCHAR(2000) NOT NULL,
    outcome            VARCHAR(16)   NOT NULL CHECK (outcome IN ('applied', 'notApplied', 'overridden')),
    reason             VARCHAR(1000),
    approval_reference VARCHAR(200),
    decided_at         TIMESTAMPTZ   NOT NULL,
    reported_at        TIMESTAMPTZ   NOT NULL
);
CREATE INDEX measure_feedback_decided ON measure_feedback (decided_at);
