-- Leases of once-per-deployment jobs (publication expiry, dumps, the sample load, creating the search indices):
-- one row per job, naming the instance that runs it and until when. An instance takes a job's lease in one
-- statement (INSERT ... ON CONFLICT ... DO UPDATE ... WHERE expired), renews it while the job runs and deletes
-- it at the end; a lease left by a crashed instance is taken over once it has expired.
CREATE TABLE job_lease (
    job         TEXT        PRIMARY KEY,
    holder      TEXT        NOT NULL,
    acquired_at TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    CHECK (expires_at > acquired_at)
);
