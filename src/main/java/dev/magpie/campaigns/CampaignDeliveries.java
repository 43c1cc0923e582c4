package dev.magpie.campaigns;

/**
 * How a campaign's messages stand, as the module that delivers them knows it (the sending pipeline implements
 * this; campaigns only shows it, so it never depends on the pipeline).
 */
public interface CampaignDeliveries {

    /** The campaign's delivery counts so far. */
    Counts counts(String accountId, String campaignId);

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
}
