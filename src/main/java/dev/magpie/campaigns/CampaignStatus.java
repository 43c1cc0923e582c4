package dev.magpie.campaigns;

/** Where a campaign is in its life. Only a {@link #DRAFT} can be edited or deleted. */
public enum CampaignStatus {

    DRAFT, SCHEDULED, SENDING, SENT, CANCELLED;

    /** Klaviyo's spelling: {@code Draft}, {@code Scheduled}, … */
    public String label() {
        return name().charAt(0) + name().substring(1).toLowerCase(java.util.Locale.ROOT);
    }
}
