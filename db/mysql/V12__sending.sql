-- Sending: each account's DKIM key. Messages whose sender is at domain (or a subdomain of it) are signed with
-- this key, published in DNS at <selector>._domainkey.<domain>. private_key_pem is an RSA key in PKCS#8 PEM
-- ("BEGIN PRIVATE KEY"). One key per account and domain.
CREATE TABLE dkim_keys (
    account_id       VARCHAR(26)   NOT NULL,
    domain           VARCHAR(253)  NOT NULL,
    selector         VARCHAR(63)   NOT NULL,
    private_key_pem  TEXT          NOT NULL,
    updated_at       TIMESTAMP(6)  NOT NULL,
    PRIMARY KEY (account_id, domain),
    CONSTRAINT fk_dkim_keys_account FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE
);
