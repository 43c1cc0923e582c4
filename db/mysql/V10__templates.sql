-- Email templates: one row per template with its current content, and every earlier content in
-- template_versions. A save that changes the subject, HTML or text moves the old content there first and
-- bumps version, so compiled forms can be cached per (template, version) and an edit can be traced back.
-- editor_type is CODE (the only editor so far). text is NULL when the plain-text part is derived from the HTML.
CREATE TABLE templates (
    id           VARCHAR(26)   NOT NULL,
    account_id   VARCHAR(26)   NOT NULL,
    name         VARCHAR(255)  NOT NULL,
    editor_type  VARCHAR(16)   NOT NULL,
    subject      VARCHAR(998)  NULL,
    html         MEDIUMTEXT    NOT NULL,
    text         MEDIUMTEXT    NULL,
    version      INT           NOT NULL,
    created_at   TIMESTAMP(6)  NOT NULL,
    updated_at   TIMESTAMP(6)  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_templates_account FOREIGN KEY (account_id) REFERENCES accounts (id)
);
CREATE INDEX ix_templates_account_name ON templates (account_id, name);

CREATE TABLE template_versions (
    id           VARCHAR(26)   NOT NULL,
    account_id   VARCHAR(26)   NOT NULL,
    template_id  VARCHAR(26)   NOT NULL,
    version      INT           NOT NULL,
    subject      VARCHAR(998)  NULL,
    html         MEDIUMTEXT    NOT NULL,
    text         MEDIUMTEXT    NULL,
    saved_at     TIMESTAMP(6)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uq_template_versions (template_id, version),
    CONSTRAINT fk_template_versions_template FOREIGN KEY (template_id) REFERENCES templates (id) ON DELETE CASCADE
);
