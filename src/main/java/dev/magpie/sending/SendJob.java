package dev.magpie.sending;

import java.util.List;
import java.util.Objects;

/**
 * One email to one or more recipients, as the campaign launcher (or a flow) queues it: each recipient gets their own
 * copy, rendered for them. Everything is looked up in {@code accountId}: a profile or template of another account
 * is unknown to the job.
 *
 * <p>A campaign's launcher puts up to a few dozen recipients in one job, so that the send worker can claim them in
 * the message log together; every recipient still has their own idempotency key and their own outcome.
 *
 * @param accountId the account sending
 * @param sourceId the campaign's (or flow message's) id; with a profile it makes that message's idempotency key
 * @param profileIds the recipients, at least one, each once
 * @param templateId the account's template to render
 * @param subject the subject (Liquid, rendered for the profile) to use instead of the template's, or {@code null}
 * @param fromEmail the sender's address, or {@code null} for the account's sender
 * @param fromName the sender's name, or {@code null} for the account's
 * @param replyTo the Reply-To address, or {@code null} for none
 */
public record SendJob(String accountId, String sourceId, List<String> profileIds, String templateId, String subject,
        String fromEmail, String fromName, String replyTo) {

    public SendJob {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(templateId, "templateId");
        profileIds = List.copyOf(profileIds);
        if (profileIds.isEmpty() || profileIds.stream().distinct().count() != profileIds.size()) {
            throw new IllegalArgumentException("A send job needs its recipients, each once: " + profileIds);
        }
    }

    /** A job to one recipient. */
    public SendJob(String accountId, String sourceId, String profileId, String templateId, String subject,
            String fromEmail, String fromName, String replyTo) {
        this(accountId, sourceId, List.of(profileId), templateId, subject, fromEmail, fromName, replyTo);
    }

    /** A job to one recipient with the template's subject and the account's sender. */
    public static SendJob of(String accountId, String sourceId, String profileId, String templateId) {
        return new SendJob(accountId, sourceId, profileId, templateId, null, null, null, null);
    }

    /** The same email to {@code recipients} (some of this job's, to try again) instead. */
    public SendJob to(List<String> recipients) {
        return new SendJob(accountId, sourceId, recipients, templateId, subject, fromEmail, fromName, replyTo);
    }

    /** The recipient of a job to one recipient. */
    public String profileId() {
        if (profileIds.size() != 1) {
            throw new IllegalStateException("A job to " + profileIds.size() + " recipients has no single one");
        }
        return profileIds.get(0);
    }

    /** What makes the message to {@code profileId} send once however often the job is delivered. */
    public String idempotencyKey(String profileId) {
        return sourceId + ":" + profileId;
    }

    /** The idempotency key of a job to one recipient. */
    public String idempotencyKey() {
        return idempotencyKey(profileId());
    }
}
