package dev.magpie.campaigns;

import java.util.Map;

/**
 * How a campaign's messages stand, as the module that delivers them knows it (the sending pipeline implements
 * this; campaigns only shows it, so it never depends on the pipeline).
 */
public interface CampaignDeliveries {

    /** The campaign's delivery counts so far. */
    Counts counts(String accountId, String campaignId);

    /**
     * The campaign's outcomes for its report: as {@link #counts}, with bounces told from other failures and the
     * skips grouped by reason. Reads the same data as {@link #counts}.
     */
    default Breakdown breakdown(String accountId, String campaignId) {
        Counts counts = counts(accountId, campaignId);
        return new Breakdown(counts.sent(), 0, counts.failed(), counts.skipped(),
                counts.skipped() == 0 ? Map.of() : Map.of("skipped", counts.skipped()));
    }

    /**
     * Delivery counts of one campaign.
     *
     * @param sent messages the SMTP server accepted
     * @param failed bounced messages and messages that failed for good
     * @param skipped recipients found ineligible at send time (unsubscribed, suppressed, cancelled)
     */
    record Counts(long sent, long failed, long skipped) {

        public static final Counts NONE = new Counts(0, 0, 0);
    }

    /**
     * A campaign's outcomes, for its report.
     *
     * @param sent messages the SMTP server accepted (delivered)
     * @param bounced messages the server refused for good
     * @param failed messages that failed otherwise (out of attempts, a broken template)
     * @param skipped recipients found ineligible at send time
     * @param skippedByReason the skips by reason: the reason's text before its first ':' ("no email marketing
     *        consent", "suppressed", "cancelled", "unknown profile", …), most frequent first
     */
    record Breakdown(long sent, long bounced, long failed, long skipped, Map<String, Long> skippedByReason) {

        public static final Breakdown NONE = new Breakdown(0, 0, 0, 0, Map.of());
    }
}
