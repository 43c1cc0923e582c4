-- Campaign launch, resumable and paced. A launch records with every batch where it stands in the recipient stream
-- (launch_shard, launch_after: the shard and the last member id of that shard it has passed; NULL before it
-- started), so that a launch claimed again continues there instead of from the start; published_count always counts
-- the recipients behind that position. launch_started_at is when it was first claimed: a throttled send is paced
-- from then over throttle_hours for launch_planned recipients (counted when it starts). A local-time send publishes
-- in waves: launch_wave_after is the moment up to which earlier waves published everyone whose local send time had
-- come, launch_wave_until the moment the current wave publishes up to, launch_next_wave the earliest later local
-- send time met so far in it. A launch that waits (for its next wave, or its next throttled slot) releases its
-- claim: launch_owner is NULL and launch_lease_until is when it resumes, when any instance claims it again.
ALTER TABLE campaigns
    ADD COLUMN launch_started_at  TIMESTAMP(6)  NULL,
    ADD COLUMN launch_shard       INT           NULL,
    ADD COLUMN launch_after       VARCHAR(64)   NULL,
    ADD COLUMN launch_planned     BIGINT        NULL,
    ADD COLUMN launch_wave_after  TIMESTAMP(6)  NULL,
    ADD COLUMN launch_wave_until  TIMESTAMP(6)  NULL,
    ADD COLUMN launch_next_wave   TIMESTAMP(6)  NULL;
