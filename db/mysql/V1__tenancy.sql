-- Accounts (tenants), the people who work in them, their keys, and the operators of the installation.
-- Ids are ULIDs: sortable by creation time, unguessable enough to expose in URLs.

CREATE TABLE accounts (
    id              VARCHAR(26)  NOT NULL,
    name            VARCHAR(200) NOT NULL,
    public_api_key  VARCHAR(6)   NOT NULL,
    timezone        VARCHAR(64)  NOT NULL,
    currency        CHAR(3)      NOT NULL,
    locale          VARCHAR(16)  NOT NULL,
    website_url     VARCHAR(500) NULL,
    sender_name     VARCHAR(200) NULL,
    sender_email    VARCHAR(320) NULL,
    status          VARCHAR(16)  NOT NULL,
    created_at      TIMESTAMP(6) NOT NULL,
    suspended_at    TIMESTAMP(6) NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_accounts_public_api_key UNIQUE (public_api_key)
);

CREATE TABLE users (
    id               VARCHAR(26)  NOT NULL,
    email            VARCHAR(320) NOT NULL,
    name             VARCHAR(200) NOT NULL,
    password_hash    VARCHAR(100) NOT NULL,
    created_at       TIMESTAMP(6) NOT NULL,
    last_sign_in_at  TIMESTAMP(6) NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_users_email UNIQUE (email)
);

CREATE TABLE memberships (
    id          VARCHAR(26)  NOT NULL,
    account_id  VARCHAR(26)  NOT NULL,
    user_id     VARCHAR(26)  NOT NULL,
    role        VARCHAR(16)  NOT NULL,
    created_at  TIMESTAMP(6) NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_memberships_account_user UNIQUE (account_id, user_id),
    CONSTRAINT fk_memberships_account FOREIGN KEY (account_id) REFERENCES accounts (id),
    CONSTRAINT fk_memberships_user FOREIGN KEY (user_id) REFERENCES users (id)
);
CREATE INDEX ix_memberships_user ON memberships (user_id);

CREATE TABLE invitations (
    id           VARCHAR(26)  NOT NULL,
    account_id   VARCHAR(26)  NOT NULL,
    email        VARCHAR(320) NOT NULL,
    role         VARCHAR(16)  NOT NULL,
    token_hash   CHAR(64)     NOT NULL,
    invited_by   VARCHAR(26)  NOT NULL,
    created_at   TIMESTAMP(6) NOT NULL,
    expires_at   TIMESTAMP(6) NOT NULL,
    accepted_at  TIMESTAMP(6) NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_invitations_token UNIQUE (token_hash),
    CONSTRAINT fk_invitations_account FOREIGN KEY (account_id) REFERENCES accounts (id)
);

CREATE TABLE password_resets (
    token_hash  CHAR(64)     NOT NULL,
    user_id     VARCHAR(26)  NOT NULL,
    created_at  TIMESTAMP(6) NOT NULL,
    expires_at  TIMESTAMP(6) NOT NULL,
    used_at     TIMESTAMP(6) NULL,
    PRIMARY KEY (token_hash),
    CONSTRAINT fk_password_resets_user FOREIGN KEY (user_id) REFERENCES users (id)
);

-- Private API keys are shown once and stored as a SHA-256 hash: they carry 192 random bits, so a slow
-- password hash would add latency to every API call without adding safety.
CREATE TABLE api_keys (
    id            VARCHAR(26)   NOT NULL,
    account_id    VARCHAR(26)   NOT NULL,
    name          VARCHAR(200)  NOT NULL,
    display_hint  VARCHAR(16)   NOT NULL,
    key_hash      CHAR(64)      NOT NULL,
    scopes        VARCHAR(1000) NOT NULL,
    created_by    VARCHAR(26)   NULL,
    created_at    TIMESTAMP(6)  NOT NULL,
    last_used_at  TIMESTAMP(6)  NULL,
    revoked_at    TIMESTAMP(6)  NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_api_keys_hash UNIQUE (key_hash),
    CONSTRAINT fk_api_keys_account FOREIGN KEY (account_id) REFERENCES accounts (id)
);
CREATE INDEX ix_api_keys_account ON api_keys (account_id);

-- Operators run the installation; they are not members of any account.
CREATE TABLE operators (
    id             VARCHAR(26)  NOT NULL,
    username       VARCHAR(100) NOT NULL,
    password_hash  VARCHAR(100) NOT NULL,
    created_at     TIMESTAMP(6) NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uk_operators_username UNIQUE (username)
);
