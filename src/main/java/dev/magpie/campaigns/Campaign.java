package dev.magpie.campaigns;

import java.time.Instant;
import java.util.List;

/**
 * A campaign as other modules see it, with its message.
 *
 * @param included list and segment ids it goes to
 * @param excluded list and segment ids whose members it never goes to
 * @param sendAt when a {@link SendStrategy#STATIC} campaign goes out; for {@link SendStrategy#LOCAL}, the date and
 *        time of day (read in UTC) to reach in each recipient's zone; {@code null} for {@link SendStrategy#IMMEDIATE}
 * @param throttleHours over how many hours the send is spread, or {@code null} for as fast as possible
 * @param smartSendingHours with {@code smartSending}, skip a profile emailed within this many hours
 */
public record Campaign(String id, String accountId, String name, CampaignStatus status, List<String> included,
        List<String> excluded, SendStrategy sendStrategy, Instant sendAt, Integer throttleHours,
        boolean smartSending, int smartSendingHours, Instant created, Instant updated, Instant scheduledAt,
        Instant sendTime, Message message) {

    /**
     * The campaign's email.
     *
     * @param subject the subject line, in Liquid
     * @param templateId the template its body is rendered from, or {@code null} until one is assigned
     */
    public record Message(String id, String label, String subject, String previewText, String fromEmail,
            String fromLabel, String replyToEmail, String templateId, Instant created, Instant updated) {
    }
}
