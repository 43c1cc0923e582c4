-- Profile imports: CSV files uploaded in the UI and bulk import jobs sent to the API.
-- A job is claimed by one instance at a time (SELECT ... FOR UPDATE SKIP LOCKED, then a lease that the
-- instance renews while it works); last_row records how far it got, so another instance resumes after a crash.

CREATE TABLE import_jobs (
    id               VARCHAR(26)   NOT NULL,
    account_id       VARCHAR(26)   NOT NULL,
    kind             VARCHAR(8)    NOT NULL,
    status           VARCHAR(16)   NOT NULL,
    file_name        VARCHAR(255)  NULL,
    file_location    VARCHAR(500)  NOT NULL,
    file_size        BIGINT        NOT NULL,
    mapping          MEDIUMTEXT    NULL,
    total_count      INT           NULL,
    processed_count  INT           NOT NULL DEFAULT 0,
    created_count    INT           NOT NULL DEFAULT 0,
    updated_count    INT           NOT NULL DEFAULT 0,
    failed_count     INT           NOT NULL DEFAULT 0,
    last_row         INT           NOT NULL DEFAULT 0,
    errors_stored    INT           NOT NULL DEFAULT 0,
    attempts         INT           NOT NULL DEFAULT 0,
    failure_reason   VARCHAR(1000) NULL,
    created_by       VARCHAR(26)   NULL,
    created_at       TIMESTAMP(6)  NOT NULL,
    queued_at        TIMESTAMP(6)  NULL,
    started_at       TIMESTAMP(6)  NULL,
    completed_at     TIMESTAMP(6)  NULL,
    claimed_by       VARCHAR(64)   NULL,
    lease_until      TIMESTAMP(6)  NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_import_jobs_account FOREIGN KEY (account_id) REFERENCES accounts (id)
);
-- Claiming scans queued and processing jobs in id (creation) order
CREATE INDEX ix_import_jobs_status ON import_jobs (status, id);
-- The UI and the API list an account's jobs, newest or oldest first
CREATE INDEX ix_import_jobs_account ON import_jobs (account_id, kind, id);

-- The first rows that failed in each job (magpie.imports.max-errors at most), for the downloadable report and
-- the API's import-errors. One per row: the first problem found in it.
CREATE TABLE import_errors (
    job_id      VARCHAR(26)   NOT NULL,
    row_num     INT           NOT NULL,
    account_id  VARCHAR(26)   NOT NULL,
    field       VARCHAR(255)  NULL,
    value       VARCHAR(500)  NULL,
    message     VARCHAR(1000) NOT NULL,
    original    TEXT          NULL,
    PRIMARY KEY (job_id, row_num),
    CONSTRAINT fk_import_errors_job FOREIGN KEY (job_id) REFERENCES import_jobs (id) ON DELETE CASCADE
);
