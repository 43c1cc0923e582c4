package dev.magpie.campaigns;

import java.time.Instant;
import java.util.List;

/**
 * How recipients took a campaign: opens, clicks and unsubscribes, as the module that tracks them knows it (the
 * tracking module implements this; campaigns only shows it, so it never depends on tracking). Hits flagged as
 * machines (link scanners, image proxies) are not counted.
 */
public interface CampaignEngagement {

    /** The campaign's engagement so far. */
    Engagement engagement(String accountId, String campaignId);

    /**
     * Engagement of one campaign.
     *
     * @param uniqueOpens profiles that opened it at least once
     * @param uniqueClicks profiles that clicked at least one of its links
     * @param unsubscribes addresses unsubscribed through its unsubscribe link
     * @param links each tracked link clicked, most unique clicks first
     * @param hours opens and clicks per hour, oldest first (hours without any are left out)
     */
    record Engagement(long uniqueOpens, long uniqueClicks, long unsubscribes, List<LinkClicks> links,
            List<Hour> hours) {

        public static final Engagement NONE = new Engagement(0, 0, 0, List.of(), List.of());
    }

    /** Clicks of one link: by how many profiles, and how often in all. */
    record LinkClicks(String url, long unique, long total) {
    }

    /** Opens and clicks in the hour that starts at {@code start} (UTC). */
    record Hour(Instant start, long opens, long clicks) {
    }
}
