package dev.magpie.campaigns;

/** The campaign's status does not allow this, such as editing a campaign that is no longer a draft. */
public class CampaignStateException extends RuntimeException {

    private final CampaignStatus status;

    public CampaignStateException(CampaignStatus status, String message) {
        super(message);
        this.status = status;
    }

    /** The campaign's status. */
    public CampaignStatus status() {
        return status;
    }
}
