package dev.magpie.campaigns;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The launch of campaigns whose send time has come, as the sending pipeline runs it: one instance claims a campaign
 * (several may poll side by side), publishes its send jobs recording its progress under a lease it renews, and says
 * when it has published them all; the campaign is then sent once every job is settled. Works across accounts: each
 * result names its account.
 */
public interface CampaignLaunches {

    /**
     * Claims for {@code owner} until {@code now + lease} the oldest scheduled campaign whose send time has come,
     * moving it to {@code SENDING}, or else a sending campaign whose launcher died (its lease ran out before it
     * published every job). {@code SELECT … FOR UPDATE SKIP LOCKED} keeps two instances off one campaign.
     */
    Optional<Launch> claimDue(String owner, Instant now, Duration lease);

    /**
     * Records that {@code published} jobs are published and renews the lease; {@code false} when the campaign is no
     * longer {@code owner}'s to launch — cancelled, or taken over after a lost lease — and publishing must stop.
     */
    boolean recordProgress(Launch launch, String owner, long published, Instant leaseUntil);

    /** Records that every job is published ({@code published} of them); {@code false} as for progress. */
    boolean finishPublishing(Launch launch, String owner, long published, Instant now);

    /** Sending campaigns whose jobs are all published, waiting for the jobs to settle. */
    List<Launch> awaitingCompletion();

    /**
     * A claimed (or fully published) campaign.
     *
     * @param published how many jobs were published when it was claimed (non-zero when a launch resumes)
     */
    record Launch(String accountId, String campaignId, long published) {
    }
}
