-- Connections of an account to the systems that feed it: store platforms (Shopify, WooCommerce), Magpie's
-- generic signed webhook, and Segment-compatible sources.
--
-- Webhook signing secrets are kept as they are: verifying an HMAC needs the secret itself, not a hash of it.
-- After a rotation the previous secret keeps working until previous_secret_until, so deliveries signed before
-- the store picked up the new secret are not lost. Segment write keys authenticate a caller, like API keys,
-- and are stored as a SHA-256 hash only (shown once).
CREATE TABLE integration_connections (
    id                     VARCHAR(26)  NOT NULL,
    account_id             VARCHAR(26)  NOT NULL,
    platform               VARCHAR(16)  NOT NULL,
    name                   VARCHAR(200) NOT NULL,
    signing_secret         VARCHAR(200) NULL,
    previous_secret        VARCHAR(200) NULL,
    previous_secret_until  TIMESTAMP(6) NULL,
    write_key_hash         CHAR(64)     NULL,
    key_hint               VARCHAR(16)  NULL,
    created_by             VARCHAR(26)  NULL,
    created_at             TIMESTAMP(6) NOT NULL,
    secret_changed_at      TIMESTAMP(6) NULL,
    last_delivery_at       TIMESTAMP(6) NULL,
    last_topic             VARCHAR(100) NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_integration_connections_write_key UNIQUE (write_key_hash),
    CONSTRAINT fk_integration_connections_account FOREIGN KEY (account_id) REFERENCES accounts (id)
);
CREATE INDEX ix_integration_connections_account ON integration_connections (account_id, platform);
