package dev.magpie.sending.internal;

import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.magpie.campaigns.CampaignDeliveries;
import dev.magpie.sending.internal.MessageLog.State;
import org.springframework.stereotype.Component;

/**
 * A campaign's delivery counts for its page and report, read from the message log. The page of a sending campaign
 * asks every few seconds, for each of its viewers, and each answer reads the campaign's whole log: an answer is
 * reused for two seconds, or for ten times as long as it took to read, whichever is longer.
 */
@Component
class CampaignDeliveryCounts implements CampaignDeliveries {

    private static final Duration REUSE = Duration.ofSeconds(2);

    private static final int REUSE_FACTOR = 10;

    private final MessageLog messageLog;

    private final Cache<String, Read> recent = Caffeine.newBuilder().maximumSize(1_000)
        .expireAfter(Expiry.creating((String campaign, Read read) -> read.reuse()))
        .executor(Runnable::run)
        .build();

    /** Counts as read, and for how long they may be shown again. */
    private record Read(Counts counts, Duration reuse) {
    }

    CampaignDeliveryCounts(MessageLog messageLog) {
        this.messageLog = messageLog;
    }

    @Override
    public Counts counts(String accountId, String campaignId) {
        return recent.get(accountId + ':' + campaignId, key -> {
            long started = System.nanoTime();
            Map<State, Long> byState = messageLog.countByState(accountId, campaignId);
            Counts counts = new Counts(byState.getOrDefault(State.SENT, 0L),
                    byState.getOrDefault(State.BOUNCED, 0L) + byState.getOrDefault(State.FAILED, 0L),
                    byState.getOrDefault(State.SKIPPED, 0L));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            Duration reuse = took.multipliedBy(REUSE_FACTOR);
            return new Read(counts, reuse.compareTo(REUSE) > 0 ? reuse : REUSE);
        }).counts();
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
