package dev.magpie.sending.internal;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.magpie.campaigns.Campaign;
import dev.magpie.campaigns.CampaignAudience;
import dev.magpie.campaigns.CampaignLaunches;
import dev.magpie.campaigns.CampaignLaunches.Launch;
import dev.magpie.campaigns.CampaignStateException;
import dev.magpie.campaigns.CampaignStatus;
import dev.magpie.campaigns.Campaigns;
import dev.magpie.sending.SendJob;
import dev.magpie.sending.SendQueue;
import dev.magpie.shared.Ids;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Launches campaigns whose send time has come: claims one (exactly one instance gets it), streams its eligible
 * recipients and publishes one send job each, in batches after which it records its progress, renews its lease and
 * stops if the campaign was cancelled; then marks the campaign sent once the message log has settled every job.
 *
 * <p>A launch that dies part way is claimed again when its lease runs out and publishes the audience again from the
 * start: the message log (one row per campaign and profile) makes a job already delivered settle without sending,
 * so a re-run costs queue traffic, never a second email.
 */
@Component
class CampaignLauncher implements InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(CampaignLauncher.class);

    private final String owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + Ids.newId();

    private final CampaignLaunches launches;

    private final Campaigns campaigns;

    private final CampaignAudience audience;

    private final SendQueue queue;

    private final MessageLog messageLog;

    private final SendingProperties.Launcher properties;

    private final Clock clock;

    private ScheduledExecutorService poller;

    CampaignLauncher(CampaignLaunches launches, Campaigns campaigns, CampaignAudience audience, SendQueue queue,
            MessageLog messageLog, SendingProperties properties, Clock clock) {
        this.launches = launches;
        this.campaigns = campaigns;
        this.audience = audience;
        this.queue = queue;
        this.messageLog = messageLog;
        this.properties = properties.launcher();
        this.clock = clock;
    }

    @Override
    public void afterPropertiesSet() {
        if (!properties.background()) {
            return;
        }
        poller = Executors.newSingleThreadScheduledExecutor(work -> {
            Thread thread = new Thread(work, "campaign-launcher");
            thread.setDaemon(true);
            return thread;
        });
        long every = properties.pollInterval().toMillis();
        poller.scheduleWithFixedDelay(this::poll, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
        if (poller != null) {
            poller.shutdownNow();
        }
    }

    private void poll() {
        try {
            launchDue();
            completeSent();
        }
        catch (RuntimeException failed) {
            log.warn("Campaign launch failed; it will be retried", failed);
        }
    }

    /**
     * Launches every campaign that is due (or whose launcher died), one after another; returns how many it
     * launched. One caller at a time per instance: the claim keeps instances apart, this the poller and a test.
     */
    synchronized int launchDue() {
        int launched = 0;
        Optional<Launch> claimed;
        while ((claimed = launches.claimDue(owner, clock.instant(), properties.lease())).isPresent()) {
            launch(claimed.get());
            launched++;
        }
        return launched;
    }

    /** Marks sent every fully published campaign whose jobs the message log has all settled; returns how many. */
    synchronized int completeSent() {
        int completed = 0;
        for (Launch launch : launches.awaitingCompletion()) {
            if (messageLog.countSettled(launch.accountId(), launch.campaignId()) < launch.published()) {
                continue;
            }
            try {
                campaigns.advance(launch.accountId(), launch.campaignId(), CampaignStatus.SENT);
                completed++;
            }
            catch (CampaignStateException moved) {
                // Another instance completed it, or it was cancelled meanwhile: nothing left to do
            }
        }
        return completed;
    }

    private void launch(Launch launch) {
        Campaign campaign = campaigns.find(launch.accountId(), launch.campaignId()).orElse(null);
        if (campaign == null) {
            return;
        }
        Campaign.Message message = campaign.message();
        if (message == null || message.templateId() == null) {
            // Checked when the send was requested; a template cannot be unassigned later, but never send blank
            log.warn("Campaign {} has no template; cancelling it", campaign.id());
            cancel(campaign);
            return;
        }
        List<String> batch = new ArrayList<>(properties.batchSize());
        long[] published = {0};
        try {
            audience.forEachRecipient(launch.accountId(), launch.campaignId(), profileId -> {
                batch.add(profileId);
                if (batch.size() == properties.batchSize()) {
                    published[0] += publish(campaign, batch);
                    if (!launches.recordProgress(launch, owner, published[0],
                            clock.instant().plus(properties.lease()))) {
                        throw new Stopped();
                    }
                }
            });
            published[0] += publish(campaign, batch);
            if (!launches.finishPublishing(launch, owner, published[0], clock.instant())) {
                log.info("Campaign {} was cancelled or taken over after {} jobs", campaign.id(), published[0]);
            }
        }
        catch (Stopped stopped) {
            log.info("Campaign {} was cancelled or taken over after {} jobs; stopping", campaign.id(), published[0]);
        }
    }

    private int publish(Campaign campaign, List<String> profileIds) {
        Campaign.Message message = campaign.message();
        for (String profileId : profileIds) {
            queue.enqueue(new SendJob(campaign.accountId(), campaign.id(), profileId, message.templateId(),
                    blankToNull(message.subject()), blankToNull(message.fromEmail()),
                    blankToNull(message.fromLabel()), blankToNull(message.replyToEmail())));
        }
        int count = profileIds.size();
        profileIds.clear();
        return count;
    }

    private void cancel(Campaign campaign) {
        try {
            campaigns.cancel(campaign.accountId(), campaign.id());
        }
        catch (CampaignStateException moved) {
            // Cancelled already
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** Ends the stream of recipients when the campaign is no longer this instance's to launch. */
    private static final class Stopped extends RuntimeException {

        Stopped() {
            super(null, null, false, false);
        }
    }
}
