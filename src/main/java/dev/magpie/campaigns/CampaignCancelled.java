package dev.magpie.campaigns;

import java.time.Instant;

/** A scheduled or sending campaign was cancelled: nothing more of it may be sent. */
public record CampaignCancelled(String accountId, String campaignId, Instant at) {
}
