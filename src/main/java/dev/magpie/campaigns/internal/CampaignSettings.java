package dev.magpie.campaigns.internal;

import java.time.Instant;
import java.util.List;

import dev.magpie.campaigns.SendStrategy;

/** Everything about a campaign a marketer sets, apart from its message. */
record CampaignSettings(String name, List<String> included, List<String> excluded, SendStrategy sendStrategy,
        Instant sendAt, Integer throttleHours, boolean smartSending, int smartSendingHours) {

    /** Klaviyo's default smart sending window. */
    static final int DEFAULT_SMART_SENDING_HOURS = 16;

    CampaignSettings {
        included = List.copyOf(included);
        excluded = List.copyOf(excluded);
    }
}
