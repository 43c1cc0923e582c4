package dev.magpie.sending.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.magpie.activity.EventRecorder;
import dev.magpie.activity.MetricSource;
import dev.magpie.activity.NewEvent;
import dev.magpie.activity.ProfileEvent;
import dev.magpie.campaigns.Campaign;
import dev.magpie.campaigns.CampaignStatus;
import dev.magpie.campaigns.Campaigns;
import dev.magpie.content.RenderContext;
import dev.magpie.content.RenderedMessage;
import dev.magpie.content.TemplateRenderer;
import dev.magpie.content.UnknownTemplateException;
import dev.magpie.deliverability.Suppression;
import dev.magpie.deliverability.SuppressionReason;
import dev.magpie.deliverability.Suppressions;
import dev.magpie.deliverability.UnsubscribeLink;
import dev.magpie.deliverability.UnsubscribeLinks;
import dev.magpie.profiles.Channel;
import dev.magpie.profiles.Consent;
import dev.magpie.profiles.Identifiers;
import dev.magpie.profiles.Profile;
import dev.magpie.profiles.ProfileAttributes;
import dev.magpie.profiles.Profiles;
import dev.magpie.sending.SendJob;
import dev.magpie.sending.internal.MessageLog.Claim;
import dev.magpie.sending.internal.MessageLog.Entry;
import dev.magpie.sending.internal.MessageLog.State;
import dev.magpie.tenancy.AccountDirectory;
import dev.magpie.tenancy.AccountView;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Delivers one send job: claims its idempotency key in the message log, checks the recipient at send time
 * (profile, address, email-marketing consent, suppression, smart sending), renders and assembles the message,
 * waits for its turn under the send throttles ({@link SendThrottle}), hands it to SMTP, and records the outcome in
 * the log and on the profile.
 *
 * <p>Exactly once: the claim is a lightweight transaction, so of two deliveries of a job only one sends; a final
 * state (sent, bounced, skipped) is never sent again. One window remains: a crash after the SMTP server accepted
 * the message and before the log says so leaves a claim that a redelivery takes over once its lease has run out,
 * and sends again. SMTP offers no way to ask a server whether it has a message, so the window cannot be closed; it
 * is kept to the one Cassandra write that follows the server's reply, and the resent copy carries the same
 * Message-ID, on which mailbox providers deduplicate.
 */
@Component
class EmailDelivery {

    static final String RECEIVED_METRIC = "Received Email";

    static final String BOUNCED_METRIC = "Bounced Email";

    private static final Logger log = LoggerFactory.getLogger(EmailDelivery.class);

    /** What became of one attempt. */
    enum Result {
        SENT, SKIPPED, BOUNCED,
        /** An earlier attempt settled the message already. */
        ALREADY_SETTLED,
        /** Another consumer holds a fresh claim on it: look again later. */
        BUSY,
        /** A transient failure: try again later. */
        DEFERRED,
        /** Over a send throttle: try again later, without counting this as a failed attempt. */
        THROTTLED
    }

    /** An attempt's result, with the claim it held (to give up on a deferred message) and the SMTP reply. */
    record Attempt(Result result, String claimId, String detail) {
    }

    private final MessageLog messageLog;

    private final Profiles profiles;

    private final AccountDirectory accounts;

    private final Suppressions suppressions;

    private final UnsubscribeLinks unsubscribeLinks;

    private final TemplateRenderer renderer;

    private final DkimKeyStore dkimKeys;

    private final MessageAssembler assembler;

    private final SmtpConnections smtp;

    private final EventRecorder events;

    private final SendingProperties properties;

    private final Campaigns campaigns;

    private final Clock clock;

    private final SendThrottle throttle;

    private final SmartSending smartSending;

    EmailDelivery(MessageLog messageLog, Profiles profiles, AccountDirectory accounts, Suppressions suppressions,
            UnsubscribeLinks unsubscribeLinks, TemplateRenderer renderer, DkimKeyStore dkimKeys,
            MessageAssembler assembler, SmtpConnections smtp, EventRecorder events, SendingProperties properties,
            Campaigns campaigns, Clock clock, SendThrottle throttle, SmartSending smartSending) {
        this.throttle = throttle;
        this.smartSending = smartSending;
        this.campaigns = campaigns;
        this.messageLog = messageLog;
        this.profiles = profiles;
        this.accounts = accounts;
        this.suppressions = suppressions;
        this.unsubscribeLinks = unsubscribeLinks;
        this.renderer = renderer;
        this.dkimKeys = dkimKeys;
        this.assembler = assembler;
        this.smtp = smtp;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Attempts the job once, for each of its recipients, a message-log shard at a time: claims the shard's share of
     * the recipients together, then delivers to them one after another. So a claim is held only while its shard's
     * messages go out, not while the whole job does. A recipient whose delivery fails for a passing reason (a store
     * or the renderer failing) is deferred alone; the others go on. The events of the settled messages are recorded
     * together at the end.
     *
     * @param redelivered whether the broker delivers this message again (it was not acknowledged): a message that
     *        failed for good is then settled, while a dead letter an operator queues again is a new message and
     *        tried afresh
     * @return each recipient's attempt, in the job's order
     * @throws PoisonedJobException when no attempt can succeed (unknown account or template, malformed sender): every
     *         recipient this attempt had not settled is then marked failed with it
     */
    Map<String, Attempt> deliver(SendJob job, boolean redelivered) {
        Map<String, Attempt> attempts = new LinkedHashMap<>();
        List<ProfileEvent> settledEvents = new ArrayList<>();
        for (List<String> shard : MessageLog.byShard(job.profileIds())) {
            Map<String, Claim> claims = messageLog.claimAll(job.accountId(), job.sourceId(), shard, clock.instant(),
                    properties.claimLease(), !redelivered);
            for (String profileId : shard) {
                try {
                    attempts.put(profileId, deliver(job.to(List.of(profileId)), claims.get(profileId),
                            settledEvents));
                }
                catch (PoisonedJobException poisoned) {
                    recordAll(job, settledEvents, attempts);
                    failUnsettled(job, claims, attempts, profileId, redelivered, poisoned.getMessage());
                    throw poisoned;
                }
                catch (RuntimeException failed) {
                    // Cassandra, MySQL or the event store failed: every step is idempotent, so it is tried again
                    attempts.put(profileId, new Attempt(Result.DEFERRED, null, failed.toString()));
                }
            }
        }
        recordAll(job, settledEvents, attempts);
        return attempts;
    }

    /**
     * Marks failed, for {@code why}, the messages of the job that this attempt did not settle, since the job goes to
     * the dead letters with them: those deferred before {@code poisoned} (whose own message is failed already), and
     * those after it, of its shard and of the shards not reached yet.
     */
    private void failUnsettled(SendJob job, Map<String, Claim> claims, Map<String, Attempt> attempts, String poisoned,
            boolean redelivered, String why) {
        List<String> rest = job.profileIds().stream()
            .filter(id -> !attempts.containsKey(id) && !id.equals(poisoned))
            .toList();
        List<String> unclaimed = rest.stream().filter(id -> !claims.containsKey(id)).toList();
        Map<String, Claim> all = new LinkedHashMap<>(claims);
        all.putAll(messageLog.claimAll(job.accountId(), job.sourceId(), unclaimed, clock.instant(),
                properties.claimLease(), !redelivered));
        Map<String, String> unsettled = new LinkedHashMap<>();
        attempts.forEach((profileId, attempt) -> {
            if (attempt.result() == Result.DEFERRED && attempt.claimId() != null) {
                unsettled.put(profileId, attempt.claimId());
            }
        });
        all.forEach((profileId, claim) -> {
            if (claim.won() && rest.contains(profileId)) {
                unsettled.put(profileId, claim.claimId());
            }
        });
        unsettled.forEach((profileId, claimId) -> messageLog.finish(job.accountId(), job.sourceId(), profileId,
                claimId, State.FAILED, null, null, clock.instant(), null, why));
    }

    /**
     * Records the events of the job's settled messages in one go. If that fails, their recipients are tried again:
     * the log has them settled, so the next attempt records their events and sends nothing.
     */
    private void recordAll(SendJob job, List<ProfileEvent> settledEvents, Map<String, Attempt> attempts) {
        try {
            int unrecorded = events.recordAllFor(job.accountId(), settledEvents);
            if (unrecorded > 0) {
                log.info("{} events of send job {} of account {} not recorded: their profiles are gone", unrecorded,
                        job.idempotencyKey(job.profileIds().get(0)), job.accountId());
            }
        }
        catch (RuntimeException failed) {
            settledEvents.forEach(event -> attempts.put(event.profileId(),
                    new Attempt(Result.DEFERRED, null, "recording its events: " + failed)));
        }
    }

    /** Attempts the message of a job to one recipient, under the claim {@link MessageLog#claimAll} made. */
    private Attempt deliver(SendJob job, Claim claim, List<ProfileEvent> settledEvents) {
        if (!claim.won()) {
            Entry existing = claim.existing();
            if (existing.state().isFinal() || existing.state() == State.FAILED) {
                // The attempt that settled it may have died before recording it on the profile: both are idempotent
                completeSettled(job, existing, settledEvents);
                return new Attempt(Result.ALREADY_SETTLED, null, existing.state().name());
            }
            return new Attempt(Result.BUSY, null, "claimed at " + existing.claimedAt());
        }
        String claimId = claim.claimId();
        Prepared prepared;
        try {
            prepared = prepare(job, claimId);
        }
        catch (PoisonedJobException poisoned) {
            throw poisoned;
        }
        catch (RuntimeException failed) {
            // Failed before anything reached the SMTP server (a store or the renderer failing): release the claim
            // so the retry takes it at once instead of waiting out the lease
            messageLog.finish(job.accountId(), job.sourceId(), job.profileId(), claimId, State.DEFERRED, null, null,
                    clock.instant(), null, failed.toString());
            throw failed;
        }
        if (prepared.settled() != null) {
            return prepared.settled();
        }
        Attempt throttled = throttle(job, claimId, prepared.email());
        return throttled != null ? throttled : send(job, claimId, prepared, settledEvents);
    }

    /**
     * A message ready to hand to SMTP, or the attempt's result when it ended before that (a skip).
     *
     * @param marketingProfileId the recipient's profile id when the message is a marketing email (a campaign's),
     *        whose send smart sending records; {@code null} otherwise
     */
    private record Prepared(Attempt settled, MimeMessage message, String email, String messageId, String subject,
            String marketingProfileId) {

        Prepared(Attempt settled, MimeMessage message, String email, String messageId, String subject) {
            this(settled, message, email, messageId, subject, null);
        }
    }

    /**
     * Waits for the message's turn under the send throttles; when it is too far off, releases the claim (so the
     * later attempt takes it at once) and returns the attempt to put back, otherwise {@code null}.
     */
    private Attempt throttle(SendJob job, String claimId, String email) {
        SendThrottle.Permit permit = throttle.acquire(job.accountId(), email);
        if (permit.granted()) {
            return null;
        }
        String why = "throttled: " + permit.limit();
        messageLog.finish(job.accountId(), job.sourceId(), job.profileId(), claimId, State.DEFERRED, email, null,
                clock.instant(), null, why);
        return new Attempt(Result.THROTTLED, claimId, why);
    }

    private Prepared prepare(SendJob job, String claimId) {
        AccountView account = accounts.recent(job.accountId()).orElse(null);
        if (account == null) {
            fail(job, claimId, null, "unknown account");
            throw new PoisonedJobException("No account " + job.accountId());
        }
        Optional<Campaign> campaign = campaigns.recent(job.accountId(), job.sourceId());
        if (campaign.filter(found -> found.status() == CampaignStatus.CANCELLED).isPresent()) {
            // Jobs already queued when the campaign was cancelled go no further
            return new Prepared(skip(job, claimId, null, "cancelled"), null, null, null, null);
        }
        Optional<Profile> found = profiles.find(job.accountId(), job.profileId());
        if (found.isEmpty()) {
            return new Prepared(skip(job, claimId, null, "unknown profile"), null, null, null, null);
        }
        Profile profile = found.get();
        String email = profile.email();
        if (email == null || email.isBlank()) {
            return new Prepared(skip(job, claimId, null, "no email address"), null, null, null, null);
        }
        Consent consent = profile.consent().get(Channel.EMAIL_MARKETING);
        if (consent == null || !consent.allows()) {
            return new Prepared(skip(job, claimId, email, "no email marketing consent"), null, null, null, null);
        }
        Optional<Suppression> suppression = suppressions.find(job.accountId(), email);
        if (suppression.isPresent()) {
            return new Prepared(skip(job, claimId, email, "suppressed: " + suppression.get().reason()), null, null,
                    null, null);
        }
        Optional<String> recentlyEmailed = smartSending.skipReason(job.accountId(), profile.id(),
                campaign.orElse(null));
        if (recentlyEmailed.isPresent()) {
            return new Prepared(skip(job, claimId, email, recentlyEmailed.get()), null, null, null, null);
        }
        UnsubscribeLink unsubscribe = unsubscribeLinks.linkFor(job.accountId(), profile.id(), email, job.sourceId());
        RenderedMessage rendered;
        RenderContext context = RenderContext.of(profile, unsubscribe.url(), null);
        try {
            rendered = renderer.render(job.accountId(), job.templateId(), context);
        }
        catch (UnknownTemplateException unknown) {
            fail(job, claimId, email, "unknown template " + job.templateId());
            throw new PoisonedJobException(unknown.getMessage());
        }
        String fromEmail = firstOf(job.fromEmail(), account.senderEmail(), properties.defaultFrom());
        InternetAddress from;
        try {
            from = MessageAssembler.address(fromEmail, firstOf(job.fromName(), account.senderName()));
        }
        catch (IllegalArgumentException malformed) {
            fail(job, claimId, email, "malformed sender " + fromEmail);
            throw new PoisonedJobException(malformed.getMessage());
        }
        String subject = job.subject() == null || job.subject().isBlank() ? rendered.subject()
                : renderer.renderSubject(job.accountId(), job.subject(), context);
        String messageId = assembler.messageId(job);
        try {
            MimeMessage message = assembler.assemble(smtp.session(), job, from, email, rendered,
                    subject == null ? "" : subject, unsubscribe, dkimKeys.signingKeyFor(job.accountId(), fromEmail),
                    true);
            return new Prepared(null, message, email, messageId, subject,
                    campaign.isPresent() ? profile.id() : null);
        }
        catch (MessagingException unassembled) {
            throw new IllegalStateException("Could not assemble the message", unassembled);
        }
    }

    /** Hands the message to SMTP and records the outcome; from here on, the claim is never released. */
    private Attempt send(SendJob job, String claimId, Prepared prepared, List<ProfileEvent> settledEvents) {
        String email = prepared.email();
        String messageId = prepared.messageId();
        String reply;
        try {
            reply = smtp.send(prepared.message(), new Address[] { new InternetAddress(email) });
        }
        catch (MessagingException failed) {
            SmtpReply smtpReply = SmtpReply.of(failed);
            if (smtpReply.permanent()) {
                messageLog.finish(job.accountId(), job.sourceId(), job.profileId(), claimId, State.BOUNCED, email,
                        messageId, clock.instant(), smtpReply.text(), null);
                settledEvents.add(bounce(job, email, messageId, smtpReply.text()));
                return new Attempt(Result.BOUNCED, claimId, smtpReply.text());
            }
            messageLog.finish(job.accountId(), job.sourceId(), job.profileId(), claimId, State.DEFERRED, email,
                    messageId, clock.instant(), smtpReply.text(), null);
            return new Attempt(Result.DEFERRED, claimId, smtpReply.text());
        }
        // The one write between the server's acceptance and a settled log: see the class comment
        Instant sentAt = clock.instant();
        messageLog.finish(job.accountId(), job.sourceId(), job.profileId(), claimId, State.SENT, email, messageId,
                sentAt, reply, null);
        if (prepared.marketingProfileId() != null) {
            smartSending.recordSent(job.accountId(), prepared.marketingProfileId(), job.sourceId(), sentAt);
        }
        settledEvents.add(received(job, email, messageId, prepared.subject()));
        return new Attempt(Result.SENT, claimId, reply);
    }

    /** Marks a message that has had all its attempts as failed. */
    void giveUp(SendJob job, String claimId, String detail) {
        messageLog.finish(job.accountId(), job.sourceId(), job.profileId(), claimId, State.FAILED, null, null,
                clock.instant(), null, "out of attempts: " + detail);
    }

    private Attempt skip(SendJob job, String claimId, String email, String why) {
        log.debug("Skipping {} of account {}: {}", job.idempotencyKey(), job.accountId(), why);
        messageLog.finish(job.accountId(), job.sourceId(), job.profileId(), claimId, State.SKIPPED, email, null,
                clock.instant(), null, why);
        return new Attempt(Result.SKIPPED, claimId, why);
    }

    private void fail(SendJob job, String claimId, String email, String why) {
        messageLog.finish(job.accountId(), job.sourceId(), job.profileId(), claimId, State.FAILED, email, null,
                clock.instant(), null, why);
    }

    private void completeSettled(SendJob job, Entry entry, List<ProfileEvent> settledEvents) {
        if (entry.state() == State.SENT) {
            if (campaigns.recent(job.accountId(), job.sourceId()).isPresent()) {
                // Idempotent: the write carries the send's own time, so it never hides a later send
                smartSending.recordSent(job.accountId(), job.profileId(), job.sourceId(), entry.updatedAt());
            }
            settledEvents.add(received(job, entry.email(), entry.messageId(), null));
        }
        else if (entry.state() == State.BOUNCED) {
            settledEvents.add(bounce(job, entry.email(), entry.messageId(), entry.smtpReply()));
        }
    }

    /** The "Received Email" event of the job's message. */
    private ProfileEvent received(SendJob job, String email, String messageId, String subject) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("$message", job.sourceId());
        properties.put("message_id", messageId);
        properties.put("email", email);
        if (subject != null) {
            properties.put("subject", subject);
        }
        return event(job, RECEIVED_METRIC, properties, "received:" + job.idempotencyKey());
    }

    /** Suppresses the address that bounced, and returns the "Bounced Email" event of the job's message. */
    private ProfileEvent bounce(SendJob job, String email, String messageId, String smtpReply) {
        suppressions.suppress(job.accountId(), email, SuppressionReason.BOUNCED, job.sourceId(), smtpReply);
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("$message", job.sourceId());
        properties.put("message_id", messageId);
        properties.put("email", email);
        properties.put("bounce_type", "hard");
        properties.put("smtp_reply", smtpReply);
        return event(job, BOUNCED_METRIC, properties, "bounced:" + job.idempotencyKey());
    }

    private ProfileEvent event(SendJob job, String metric, Map<String, Object> properties, String uniqueId) {
        return new ProfileEvent(job.profileId(), new NewEvent(metric, MetricSource.MAGPIE,
                ProfileAttributes.of(Identifiers.NONE), clock.instant(), null, null, properties, uniqueId));
    }

    private static String firstOf(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
