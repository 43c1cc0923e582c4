package dev.magpie.campaigns;

import java.time.Instant;
import java.util.Optional;

/**
 * The account's campaigns as the sending pipeline uses them: read one with its message, and move it through its
 * statuses. Every method works in the one account it is given; another account's campaign is never found.
 */
public interface Campaigns {

    /** The campaign with its message. */
    Optional<Campaign> find(String accountId, String campaignId);

    /**
     * The campaign as read a second ago at most: for the send workers, which need it for every message. A
     * cancellation made on this instance shows at once, one made on another within that second.
     */
    Optional<Campaign> recent(String accountId, String campaignId);

    /**
     * Schedules a draft to start sending at {@code sendTime}, publishing {@link CampaignScheduled}.
     *
     * @throws CampaignStateException when the campaign is not a draft
     * @throws UnknownCampaignException when the account has no such campaign
     */
    Campaign schedule(String accountId, String campaignId, Instant sendTime);

    /**
     * Cancels a scheduled or sending campaign, publishing {@link CampaignCancelled}.
     *
     * @throws CampaignStateException when the campaign is neither scheduled nor sending
     * @throws UnknownCampaignException when the account has no such campaign
     */
    Campaign cancel(String accountId, String campaignId);

    /**
     * Records that sending started ({@code SCHEDULED → SENDING}) or finished ({@code SENDING → SENT}).
     *
     * @throws CampaignStateException for any other move
     * @throws UnknownCampaignException when the account has no such campaign
     */
    Campaign advance(String accountId, String campaignId, CampaignStatus to);
}
