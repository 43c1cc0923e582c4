-- Campaign launch: which instance is publishing a campaign's send jobs, until when (its lease, renewed after every
-- batch), how many jobs it has published, and when it published the last one. A SENDING campaign whose lease ran
-- out before published_at was set lost its instance and is claimed again (the message log makes the re-run send
-- nothing twice); one with published_at set waits for the message log to settle every job, then becomes SENT.
ALTER TABLE campaigns
    ADD COLUMN launch_owner        VARCHAR(128)  NULL,
    ADD COLUMN launch_lease_until  TIMESTAMP(6)  NULL,
    ADD COLUMN published_count     BIGINT        NOT NULL DEFAULT 0,
    ADD COLUMN published_at        TIMESTAMP(6)  NULL;
CREATE INDEX ix_campaigns_status_send_time ON campaigns (status, send_time);
