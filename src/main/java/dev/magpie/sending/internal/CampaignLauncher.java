package dev.magpie.sending.internal;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.magpie.campaigns.Campaign;
import dev.magpie.campaigns.CampaignAudience;
import dev.magpie.campaigns.CampaignAudience.Position;
import dev.magpie.campaigns.CampaignAudience.Recipient;
import dev.magpie.campaigns.CampaignLaunches;
import dev.magpie.campaigns.CampaignLaunches.Launch;
import dev.magpie.campaigns.CampaignLaunches.Progress;
import dev.magpie.campaigns.CampaignStateException;
import dev.magpie.campaigns.CampaignStatus;
import dev.magpie.campaigns.Campaigns;
import dev.magpie.campaigns.SendStrategy;
import dev.magpie.sending.SendJob;
import dev.magpie.sending.SendQueue;
import dev.magpie.shared.Ids;
import dev.magpie.tenancy.AccountDirectory;
import dev.magpie.tenancy.AccountView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Launches campaigns whose send time has come: claims one (exactly one instance gets it), streams its eligible
 * recipients and publishes send jobs of a few dozen recipients each, in batches after which it records its progress,
 * renews its lease and stops if the campaign was cancelled; then marks the campaign sent once the message log has
 * settled every recipient.
 *
 * <p>A launch records where it stands in the recipient stream with every batch; one that dies part way is claimed
 * again when its lease runs out and continues from there, republishing at most the batch it had not recorded (the
 * message log, one row per campaign and profile, makes those settle without a second email). A throttled send
 * paces its jobs over the campaign's hours and a local-time send publishes in waves as each time zone's moment
 * comes; between slots and waves the launch pauses and releases its claim, so nothing is held while it waits.
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

    private final AccountDirectory accounts;

    private final SendingProperties.Launcher properties;

    private final Clock clock;

    private ScheduledExecutorService poller;

    /** How many times as long as a campaign's last count to wait before counting it again. */
    private static final int COUNT_SPACING = 10;

    /** When each sending campaign may be counted again ({@link System#nanoTime}); guarded by {@code this}. */
    private final Map<String, Long> nextCount = new HashMap<>();

    CampaignLauncher(CampaignLaunches launches, Campaigns campaigns, CampaignAudience audience, SendQueue queue,
            MessageLog messageLog, AccountDirectory accounts, SendingProperties properties, Clock clock) {
        this.launches = launches;
        this.campaigns = campaigns;
        this.audience = audience;
        this.queue = queue;
        this.messageLog = messageLog;
        this.accounts = accounts;
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
     * Launches every campaign that is due (or whose launcher died, or whose pause is over), one after another, each
     * until it is published or pauses; returns how many it claimed. One caller at a time per instance: the claim
     * keeps instances apart, this the poller and a test.
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

    /**
     * Marks sent every fully published campaign whose jobs the message log has all settled; returns how many. The
     * count reads the campaign's whole log, so a campaign is counted again only after ten times as long as its last
     * count took: on a large campaign counting never takes more than a tenth of the time.
     */
    synchronized int completeSent() {
        int completed = 0;
        long now = System.nanoTime();
        List<Launch> awaiting = launches.awaitingCompletion();
        // Cancelled ones no longer await completion
        nextCount.keySet().retainAll(awaiting.stream().map(Launch::campaignId).toList());
        for (Launch launch : awaiting) {
            Long notBefore = nextCount.get(launch.campaignId());
            if (notBefore != null && now - notBefore < 0) {
                continue;
            }
            long started = System.nanoTime();
            long settled = messageLog.countSettled(launch.accountId(), launch.campaignId());
            long took = System.nanoTime() - started;
            nextCount.put(launch.campaignId(), started + took + COUNT_SPACING * took);
            if (settled < launch.published()) {
                continue;
            }
            nextCount.remove(launch.campaignId());
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
        Run run = new Run(launch, campaign);
        try {
            run.prepare();
            audience.forEachRecipient(launch.accountId(), launch.campaignId(),
                    run.position == null ? Position.START : run.position, run::accept);
            run.end();
        }
        catch (Stopped stopped) {
            if (!stopped.paused) {
                log.info("Campaign {} was cancelled or taken over after {} recipients; stopping", campaign.id(),
                        run.published);
            }
        }
    }

    /**
     * Publishes the recipients in jobs of up to {@code recipients-per-job}, each holding recipients of as few
     * message-log shards as it can (ordered by shard), so that the send worker claims each shard's share of a job in
     * one conditional batch; returns how many recipients it published.
     */
    private int publish(Campaign campaign, List<String> profileIds) {
        Campaign.Message message = campaign.message();
        List<String> byShard = new ArrayList<>(profileIds);
        byShard.sort(Comparator.comparingInt(MessageLog::shardOf));
        List<SendJob> jobs = new ArrayList<>(byShard.size() / properties.recipientsPerJob() + 1);
        for (int from = 0; from < byShard.size(); from += properties.recipientsPerJob()) {
            List<String> recipients = byShard.subList(from, Math.min(byShard.size(),
                    from + properties.recipientsPerJob()));
            jobs.add(new SendJob(campaign.accountId(), campaign.id(), recipients, message.templateId(),
                    blankToNull(message.subject()), blankToNull(message.fromEmail()),
                    blankToNull(message.fromLabel()), blankToNull(message.replyToEmail())));
        }
        // Confirmed as a whole before the batch counts as published (and before its progress is recorded)
        queue.enqueueAll(jobs);
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

    /**
     * One launch's run through the recipient stream from where it stood: publishes the recipients that are due —
     * all of them, or for a throttled send those whose slot has come ({@link LaunchPacing}), or for a local-time send
     * those whose local send time has come ({@link LocalSendTimes}) — and records after every {@code batch-size}
     * recipients passed how many it published and where it stands, so that a launch claimed again after a crash
     * continues there and counts no recipient twice. Pauses, releasing the claim, when the next slot or wave is
     * still to come.
     */
    private final class Run {

        private final Launch launch;

        private final Campaign campaign;

        private final List<String> batch = new ArrayList<>(properties.batchSize());

        private long published;

        private Position position;

        private Long planned;

        private Instant waveAfter;

        private Instant waveUntil;

        private Instant nextWave;

        private int passedSinceRecord;

        private LocalSendTimes local;

        private LaunchPacing pacing;

        Run(Launch launch, Campaign campaign) {
            this.launch = launch;
            this.campaign = campaign;
            Progress progress = launch.progress();
            published = progress.published();
            position = progress.position();
            planned = progress.planned();
            waveAfter = progress.waveAfter();
            waveUntil = progress.waveUntil();
            nextWave = progress.nextWave();
        }

        /**
         * A local-time send starts a wave when none is under way: it publishes, from the start of the stream, those
         * whose local time has come by now and not before the last wave. A throttled send counts its recipients
         * once, when it starts, to know its pace. A local-time send is not throttled: its waves are its spread.
         */
        void prepare() {
            if (campaign.sendStrategy() == SendStrategy.LOCAL) {
                local = new LocalSendTimes(campaign.sendAt() != null ? campaign.sendAt() : campaign.sendTime(),
                        accounts.find(campaign.accountId()).map(AccountView::timezone).orElse(null));
                if (waveUntil == null) {
                    waveUntil = clock.instant();
                    position = Position.START;
                    nextWave = null;
                }
            }
            else if (campaign.throttleHours() != null && campaign.throttleHours() > 0) {
                if (planned == null) {
                    planned = audience.estimate(campaign.accountId(), campaign.id());
                    record();
                }
                pacing = LaunchPacing.of(launch.startedAt(), campaign.throttleHours(), planned,
                        properties.batchSize());
            }
        }

        void accept(Recipient recipient) {
            if (local != null && !dueInThisWave(recipient)) {
                passed(recipient);
                return;
            }
            if (pacing != null && !pacing.allows(published + batch.size(), clock.instant())) {
                flush();
                pause(pacing.resumeAt(published));
            }
            batch.add(recipient.profileId());
            passed(recipient);
        }

        /** Publishes what is left; then the next wave waits, or the launch is complete. */
        void end() {
            flush();
            if (local != null && nextWave != null) {
                Instant resumeAt = nextWave;
                waveAfter = waveUntil;
                waveUntil = null;
                nextWave = null;
                position = Position.START;
                pause(resumeAt);
            }
            if (!launches.finishPublishing(launch, owner, published, clock.instant())) {
                log.info("Campaign {} was cancelled or taken over after {} recipients", campaign.id(), published);
            }
        }

        /**
         * Whether the recipient's local send time falls in this wave: after the last wave's end (else an earlier
         * wave published it) and not after this wave's (else it counts towards the next wave's time). A recipient
         * an earlier wave reached whose time zone changed since has a message already: not published, nor counted,
         * again.
         */
        private boolean dueInThisWave(Recipient recipient) {
            Instant moment = local.momentFor(recipient.timezone());
            if (waveAfter != null && !moment.isAfter(waveAfter)) {
                return false;
            }
            if (moment.isAfter(waveUntil)) {
                nextWave = nextWave == null || moment.isBefore(nextWave) ? moment : nextWave;
                return false;
            }
            return waveAfter == null
                    || messageLog.find(campaign.accountId(), campaign.id(), recipient.profileId()).isEmpty();
        }

        private void passed(Recipient recipient) {
            position = recipient.position();
            if (++passedSinceRecord == properties.batchSize()) {
                flush();
                record();
            }
        }

        private void flush() {
            published += publish(campaign, batch);
        }

        private void record() {
            passedSinceRecord = 0;
            if (!launches.recordProgress(launch, owner, progress(), clock.instant().plus(properties.lease()))) {
                throw new Stopped(false);
            }
        }

        private void pause(Instant resumeAt) {
            if (!launches.pause(launch, owner, progress(), resumeAt)) {
                throw new Stopped(false);
            }
            log.debug("Campaign {} paused after {} recipients until {}", campaign.id(), published, resumeAt);
            throw new Stopped(true);
        }

        private Progress progress() {
            return new Progress(published, position, planned, waveAfter, waveUntil, nextWave);
        }
    }

    /** Ends the stream of recipients when the campaign is no longer this instance's to launch. */
    private static final class Stopped extends RuntimeException {

        /** Whether the launch paused until its next wave or slot, rather than losing the campaign. */
        final boolean paused;

        Stopped(boolean paused) {
            super(null, null, false, false);
            this.paused = paused;
        }
    }
}
