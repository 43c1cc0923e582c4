-- Lists: their definitions live here (small, per account); who is on each list lives in Cassandra
-- (db/cassandra/migrations/V004__lists.cql).
--
-- opt_in_process is SINGLE_OPT_IN or DOUBLE_OPT_IN: how someone who subscribes through a signup path (the
-- subscription APIs, a form) joins. confirm_secret signs the list's double opt-in confirmation links
-- (HMAC-SHA256), so every instance can check a link without sharing configuration, and a list's links can be
-- revoked by changing it.
CREATE TABLE lists (
    id              VARCHAR(26)   NOT NULL,
    account_id      VARCHAR(26)   NOT NULL,
    name            VARCHAR(255)  NOT NULL,
    opt_in_process  VARCHAR(16)   NOT NULL,
    confirm_secret  VARCHAR(64)   NOT NULL,
    created_at      TIMESTAMP(6)  NOT NULL,
    updated_at      TIMESTAMP(6)  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_lists_account FOREIGN KEY (account_id) REFERENCES accounts (id)
);
CREATE INDEX ix_lists_account_name ON lists (account_id, name);
