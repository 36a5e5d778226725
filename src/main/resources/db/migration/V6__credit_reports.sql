-- Every credit report (信用报告) issued, with what a receiving department needs to verify it: the number printed
-- on it, the verification code, whose report it is, when it was issued and the digest of the document handed out.
CREATE SEQUENCE credit_report_seq START WITH 1 INCREMENT BY 1;
CREATE TABLE credit_report (
    number        VARCHAR(32)  PRIMARY KEY,
    code          VARCHAR(16)  NOT NULL,
    subject       VARCHAR(64)  NOT NULL,
    subject_name  VARCHAR(200) NOT NULL,
    format        VARCHAR(8)   NOT NULL CHECK (format IN ('json', 'pdf')),
    digest        CHAR(64)     NOT NULL,
    issued_at     TIMESTAMPTZ  NOT NULL
);
CREATE INDEX credit_report_subject ON credit_report (subject, issued_at DESC);
