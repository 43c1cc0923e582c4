package dev.magpie.campaigns;

import java.time.Instant;

/** A campaign was scheduled: it starts sending at {@code sendTime}. */
public record CampaignScheduled(String accountId, String campaignId, Instant sendTime) {
}
