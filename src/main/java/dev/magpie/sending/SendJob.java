package dev.magpie.sending;

import java.util.Objects;

/**
 * One recipient's email, as the campaign launcher (or a flow) queues it. Everything is looked up in
 * {@code accountId}: a profile or template of another account is unknown to the job.
 *
 * @param accountId the account sending
 * @param sourceId the campaign's (or flow message's) id; with the profile it makes the idempotency key
 * @param profileId the recipient
 * @param templateId the account's template to render
 * @param subject the subject (Liquid, rendered for the profile) to use instead of the template's, or {@code null}
 * @param fromEmail the sender's address, or {@code null} for the account's sender
 * @param fromName the sender's name, or {@code null} for the account's
 * @param replyTo the Reply-To address, or {@code null} for none
 */
public record SendJob(String accountId, String sourceId, String profileId, String templateId, String subject,
        String fromEmail, String fromName, String replyTo) {

    public SendJob {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(profileId, "profileId");
        Objects.requireNonNull(templateId, "templateId");
    }

    /** A job with the template's subject and the account's sender. */
    public static SendJob of(String accountId, String sourceId, String profileId, String templateId) {
        return new SendJob(accountId, sourceId, profileId, templateId, null, null, null, null);
    }

    /** What makes the job send once however often it is delivered: the source and the profile. */
    public String idempotencyKey() {
        return sourceId + ":" + profileId;
    }
}
