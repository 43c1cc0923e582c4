package dev.magpie.campaigns;

/** The account has no campaign with this id (another account's campaign is just as unknown). */
public class UnknownCampaignException extends RuntimeException {

    public UnknownCampaignException(String campaignId) {
        super("No campaign " + campaignId);
    }
}
