package dev.magpie.tracking.internal;

import dev.magpie.campaigns.CampaignEngagement;
import org.springframework.stereotype.Component;

/** A campaign's engagement for its report, read from the tracking tables (a few partitions of the campaign). */
@Component
class CampaignEngagementReads implements CampaignEngagement {

    private final EngagementStore store;

    CampaignEngagementReads(EngagementStore store) {
        this.store = store;
    }

    @Override
    public Engagement engagement(String accountId, String campaignId) {
        return new Engagement(store.uniqueOpens(accountId, campaignId), store.uniqueClicks(accountId, campaignId),
                store.unsubscribes(accountId, campaignId), store.links(accountId, campaignId),
                store.hours(accountId, campaignId));
    }
}
