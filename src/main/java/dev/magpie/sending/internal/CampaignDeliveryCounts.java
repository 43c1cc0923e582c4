package dev.magpie.sending.internal;

import java.util.Map;

import dev.magpie.campaigns.CampaignDeliveries;
import dev.magpie.sending.internal.MessageLog.State;
import org.springframework.stereotype.Component;

/** A campaign's delivery counts for its page, read from the message log (one partition per campaign). */
@Component
class CampaignDeliveryCounts implements CampaignDeliveries {

    private final MessageLog messageLog;

    CampaignDeliveryCounts(MessageLog messageLog) {
        this.messageLog = messageLog;
    }

    @Override
    public Counts counts(String accountId, String campaignId) {
        Map<State, Long> byState = messageLog.countByState(accountId, campaignId);
        return new Counts(byState.getOrDefault(State.SENT, 0L),
                byState.getOrDefault(State.BOUNCED, 0L) + byState.getOrDefault(State.FAILED, 0L),
                byState.getOrDefault(State.SKIPPED, 0L));
    }
}
