package dev.magpie.campaigns;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.magpie.campaigns.CampaignAudience.Position;

/**
 * The launch of campaigns whose send time has come, as the sending pipeline runs it: one instance claims a campaign
 * (several may poll side by side), publishes its send jobs recording its progress — how many, and where in the
 * recipient stream — under a lease it renews, and says when it has published them all; the campaign is then sent
 * once every job is settled. A launch may also pause until a given moment (a throttled send waiting for its next
 * slot, a local-time send waiting for its next time zone), releasing its claim; it is claimed again then and
 * resumes where it stood, as is one whose instance died. Works across accounts: each result names its account.
 */
public interface CampaignLaunches {

    /**
     * How far ahead of UTC the earliest time zone is (Pacific/Kiritimati, UTC+14): a {@link SendStrategy#LOCAL}
     * campaign is claimed this long before its send time, when its first recipients' local time may come.
     */
    Duration LOCAL_LEAD = Duration.ofHours(14);

    /**
     * Claims for {@code owner} until {@code now + lease} the oldest scheduled campaign whose send time has come (for
     * a local-time campaign, whose send time has come in the earliest zone), moving it to {@code SENDING}, or else a
     * sending campaign whose pause is over or whose launcher died (its lease ran out before it published every job).
     * {@code SELECT … FOR UPDATE SKIP LOCKED} keeps two instances off one campaign.
     */
    Optional<Launch> claimDue(String owner, Instant now, Duration lease);

    /**
     * Records the launch's progress and renews the lease; {@code false} when the campaign is no longer
     * {@code owner}'s to launch — cancelled, or taken over after a lost lease — and publishing must stop.
     */
    boolean recordProgress(Launch launch, String owner, Progress progress, Instant leaseUntil);

    /**
     * Records the progress and releases the claim until {@code resumeAt}, when the launch is claimed again (by any
     * instance) and resumes from it; {@code false} as for progress.
     */
    boolean pause(Launch launch, String owner, Progress progress, Instant resumeAt);

    /** Records that every job is published ({@code published} of them); {@code false} as for progress. */
    boolean finishPublishing(Launch launch, String owner, long published, Instant now);

    /** Sending campaigns whose jobs are all published, waiting for the jobs to settle. */
    List<Launch> awaitingCompletion();

    /** When a paused launch of the account's campaign resumes (its next wave or slot), if it is paused. */
    Optional<Instant> resumesAt(String accountId, String campaignId);

    /**
     * A claimed (or fully published) campaign.
     *
     * @param startedAt when it was first claimed (a throttled send is paced from then)
     * @param progress where it stood when it was claimed
     */
    record Launch(String accountId, String campaignId, Instant startedAt, Progress progress) {

        /** How many jobs were published when it was claimed (non-zero when a launch resumes). */
        public long published() {
            return progress.published();
        }
    }

    /**
     * How far a launch has come. {@code published} always counts the distinct recipients behind {@code position}
     * (and, for a local-time send, those of the waves before), so that a resumed launch never counts one twice.
     *
     * @param position where the recipient stream stands, or {@code null} before the launch started
     * @param planned how many recipients a throttled send is paced for (counted when it starts), or {@code null}
     * @param waveAfter for a local-time send, the moment up to which earlier waves published every recipient whose
     *        local send time had come ({@code null} before the first wave)
     * @param waveUntil for a local-time send, the moment up to which the current wave publishes ({@code null}
     *        between waves)
     * @param nextWave the earliest local send time after {@code waveUntil} met so far in the current wave
     */
    record Progress(long published, Position position, Long planned, Instant waveAfter, Instant waveUntil,
            Instant nextWave) {

        /** Before anything was published. */
        public static final Progress NONE = new Progress(0, null, null, null, null, null);
    }
}
