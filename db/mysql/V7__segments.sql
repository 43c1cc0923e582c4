-- Segment definitions (Klaviyo's definition JSON) and the state of their evaluation. Membership itself lives in
-- Cassandra (db/cassandra/migrations/V005__segments.cql).
--
-- A full evaluation (after a create or an edit) is claimed by one instance with SELECT ... FOR UPDATE SKIP LOCKED
-- and a lease it renews while it works; processed_count / total_count show its progress. definition_version counts
-- edits; evaluated_version is the version the last completed full evaluation computed.

CREATE TABLE segments (
    id                  VARCHAR(26)   NOT NULL,
    account_id          VARCHAR(26)   NOT NULL,
    name                VARCHAR(255)  NOT NULL,
    definition          MEDIUMTEXT    NOT NULL,
    is_starred          BOOLEAN       NOT NULL DEFAULT FALSE,
    definition_version  INT           NOT NULL DEFAULT 1,
    evaluated_version   INT           NOT NULL DEFAULT 0,
    status              VARCHAR(16)   NOT NULL,
    member_count        BIGINT        NOT NULL DEFAULT 0,
    processed_count     BIGINT        NOT NULL DEFAULT 0,
    total_count         BIGINT        NOT NULL DEFAULT 0,
    claimed_by          VARCHAR(64)   NULL,
    lease_until         TIMESTAMP(6)  NULL,
    evaluation_started  TIMESTAMP(6)  NULL,
    last_evaluated      TIMESTAMP(6)  NULL,
    created_at          TIMESTAMP(6)  NOT NULL,
    updated_at          TIMESTAMP(6)  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_segments_account FOREIGN KEY (account_id) REFERENCES accounts (id)
);
-- Claiming scans segments waiting for a full evaluation
CREATE INDEX ix_segments_status ON segments (status, lease_until);
-- The API and the UI list an account's segments in id (creation) order
CREATE INDEX ix_segments_account ON segments (account_id, id);

-- Per account with time-relative segments: how far the scheduler has swept segment_checks, claimed by one
-- instance at a time with a lease.
CREATE TABLE segment_sweeps (
    account_id   VARCHAR(26)   NOT NULL,
    swept_until  TIMESTAMP(6)  NOT NULL,
    claimed_by   VARCHAR(64)   NULL,
    lease_until  TIMESTAMP(6)  NULL,
    PRIMARY KEY (account_id),
    CONSTRAINT fk_segment_sweeps_account FOREIGN KEY (account_id) REFERENCES accounts (id)
);
