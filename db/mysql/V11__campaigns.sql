-- Campaigns: one email sent once to an audience. A campaign has exactly one message (campaign_messages), as
-- Klaviyo's email campaigns do; the message has its own id because the API addresses it on its own.
--
-- status is DRAFT, SCHEDULED, SENDING, SENT or CANCELLED; only a DRAFT is edited or deleted.
-- included_audiences and excluded_audiences hold list and segment ids separated by spaces: a campaign names a
-- handful, always read whole with the campaign and never searched by audience, so a join table would buy nothing.
-- send_strategy is IMMEDIATE, STATIC (at send_datetime) or LOCAL (at send_datetime's date and time of day in
-- each recipient's own time zone). throttle_hours spreads the send over that many hours (NULL: as fast as
-- possible). smart_sending skips a profile that received a marketing email in the last smart_sending_hours.
-- estimated_recipients is the last recipient estimation's result, computed at estimated_at.
-- scheduled_at is when the campaign was scheduled; send_time when it starts (or started) to send.
CREATE TABLE campaigns (
    id                    VARCHAR(26)    NOT NULL,
    account_id            VARCHAR(26)    NOT NULL,
    name                  VARCHAR(255)   NOT NULL,
    channel               VARCHAR(16)    NOT NULL,
    status                VARCHAR(16)    NOT NULL,
    included_audiences    VARCHAR(2700)  NOT NULL,
    excluded_audiences    VARCHAR(2700)  NOT NULL,
    send_strategy         VARCHAR(16)    NOT NULL,
    send_datetime         TIMESTAMP(6)   NULL,
    throttle_hours        INT            NULL,
    smart_sending         BOOLEAN        NOT NULL,
    smart_sending_hours   INT            NOT NULL,
    estimated_recipients  BIGINT         NULL,
    estimated_at          TIMESTAMP(6)   NULL,
    created_at            TIMESTAMP(6)   NOT NULL,
    updated_at            TIMESTAMP(6)   NOT NULL,
    scheduled_at          TIMESTAMP(6)   NULL,
    send_time             TIMESTAMP(6)   NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_campaigns_account FOREIGN KEY (account_id) REFERENCES accounts (id)
);
CREATE INDEX ix_campaigns_account_status ON campaigns (account_id, status);

-- The campaign's email: subject (Liquid, personalised per recipient), preview text, sender, reply-to, and the
-- template its body is rendered from (NULL until one is assigned).
CREATE TABLE campaign_messages (
    id              VARCHAR(26)   NOT NULL,
    account_id      VARCHAR(26)   NOT NULL,
    campaign_id     VARCHAR(26)   NOT NULL,
    label           VARCHAR(255)  NULL,
    subject         VARCHAR(998)  NULL,
    preview_text    VARCHAR(998)  NULL,
    from_email      VARCHAR(320)  NULL,
    from_label      VARCHAR(255)  NULL,
    reply_to_email  VARCHAR(320)  NULL,
    template_id     VARCHAR(26)   NULL,
    created_at      TIMESTAMP(6)  NOT NULL,
    updated_at      TIMESTAMP(6)  NOT NULL,
    PRIMARY KEY (id),
    UNIQUE KEY uq_campaign_messages_campaign (campaign_id),
    CONSTRAINT fk_campaign_messages_campaign FOREIGN KEY (campaign_id) REFERENCES campaigns (id) ON DELETE CASCADE
);
