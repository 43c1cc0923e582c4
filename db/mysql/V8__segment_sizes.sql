-- A segment's size day by day, for the size-over-time chart of its page. One row per segment and day (a day of the
-- account's time zone), written by upsert: when a full evaluation completes, and by a periodic snapshot of every
-- segment's member_count. Membership changes themselves write nothing here, so the table costs a few writes per
-- segment a day whatever the traffic. Rows go with their segment.

CREATE TABLE segment_sizes (
    segment_id   VARCHAR(26)   NOT NULL,
    account_id   VARCHAR(26)   NOT NULL,
    day          DATE          NOT NULL,
    size         BIGINT        NOT NULL,
    recorded_at  TIMESTAMP(6)  NOT NULL,
    PRIMARY KEY (segment_id, day),
    CONSTRAINT fk_segment_sizes_segment FOREIGN KEY (segment_id) REFERENCES segments (id) ON DELETE CASCADE,
    CONSTRAINT fk_segment_sizes_account FOREIGN KEY (account_id) REFERENCES accounts (id)
);
