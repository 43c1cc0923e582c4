-- Bulk event jobs (POST /api/event-bulk-create-jobs): the request is checked whole, answered 202 and its events
-- travel to a worker as a RabbitMQ job; this row tells the caller how the job went
-- (GET /api/event-bulk-create-jobs/{id}). The events themselves live in Cassandra.

CREATE TABLE event_bulk_create_jobs (
    id               VARCHAR(26)   NOT NULL,
    account_id       VARCHAR(26)   NOT NULL,
    status           VARCHAR(16)   NOT NULL,
    total_count      INT           NOT NULL,
    completed_count  INT           NOT NULL DEFAULT 0,
    duplicate_count  INT           NOT NULL DEFAULT 0,
    failed_count     INT           NOT NULL DEFAULT 0,
    errors           MEDIUMTEXT    NULL,
    attempts         INT           NOT NULL DEFAULT 0,
    created_at       TIMESTAMP(6)  NOT NULL,
    started_at       TIMESTAMP(6)  NULL,
    completed_at     TIMESTAMP(6)  NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_event_bulk_create_jobs_account FOREIGN KEY (account_id) REFERENCES accounts (id)
);
CREATE INDEX ix_event_bulk_create_jobs_account_created ON event_bulk_create_jobs (account_id, created_at);
