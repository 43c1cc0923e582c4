package dev.magpie.sending.internal;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.magpie.campaigns.CampaignDeliveries;
import dev.magpie.sending.internal.MessageLog.State;
import org.springframework.stereotype.Component;

/** A campaign's delivery counts for its page and report, read from the message log (one partition per campaign). */
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

    @Override
    public Breakdown breakdown(String accountId, String campaignId) {
        Map<State, Long> byState = new EnumMap<>(State.class);
        Map<String, Long> reasons = new HashMap<>();
        messageLog.forEachOutcome(accountId, campaignId, (state, detail) -> {
            byState.merge(state, 1L, Long::sum);
            if (state == State.SKIPPED) {
                reasons.merge(reason(detail), 1L, Long::sum);
            }
        });
        Map<String, Long> sorted = new LinkedHashMap<>();
        reasons.entrySet().stream()
            .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
            .forEach(reason -> sorted.put(reason.getKey(), reason.getValue()));
        return new Breakdown(byState.getOrDefault(State.SENT, 0L), byState.getOrDefault(State.BOUNCED, 0L),
                byState.getOrDefault(State.FAILED, 0L), byState.getOrDefault(State.SKIPPED, 0L), sorted);
    }

    /** A skip's reason without its particulars: "suppressed: BOUNCED" and "suppressed: MANUAL" are one reason. */
    static String reason(String detail) {
        if (detail == null || detail.isBlank()) {
            return "unknown";
        }
        int colon = detail.indexOf(':');
        return (colon < 0 ? detail : detail.substring(0, colon)).trim();
    }
}
