package dev.magpie.campaigns;

import java.util.function.Consumer;

/**
 * Who a campaign goes to: every member of its included lists and segments, once, except members of its excluded
 * audiences, profiles without an email address or without email-marketing consent, and suppressed addresses.
 * The recipient estimate is this same computation, counted.
 */
public interface CampaignAudience {

    /**
     * Streams the id of each eligible recipient to {@code recipient}, in batches as they are checked, holding only
     * the ids already seen (to deduplicate) and the excluded ones.
     *
     * @throws UnknownCampaignException when the account has no such campaign
     */
    void forEachRecipient(String accountId, String campaignId, Consumer<String> recipient);

    /**
     * How many eligible recipients the campaign has now, stored as its latest estimate.
     *
     * @throws UnknownCampaignException when the account has no such campaign
     */
    long estimate(String accountId, String campaignId);
}
