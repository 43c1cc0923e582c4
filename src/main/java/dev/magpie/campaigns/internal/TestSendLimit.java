package dev.magpie.campaigns.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import org.springframework.stereotype.Component;

/**
 * How many test sends an account may make: a test goes to any address, so without a limit a member's session could
 * send through the account's sender and DKIM key at will. Generous for checking an email by hand ({@link #PER_HOUR}
 * an hour, refilled gradually), kept in this process's memory like the API's rate limits.
 */
@Component
class TestSendLimit {

    static final int PER_HOUR = 30;

    private static final int PRUNE_ABOVE = 10_000;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** Takes one test send of the account's allowance; {@code false} when it is used up for now. */
    boolean tryTake(String accountId) {
        if (buckets.size() > PRUNE_ABOVE) {
            // A forgotten bucket starts full again: at worst one account gets a fresh hour
            buckets.clear();
        }
        return buckets.computeIfAbsent(accountId, id -> Bucket.builder()
            .addLimit(Bandwidth.builder().capacity(PER_HOUR).refillGreedy(PER_HOUR, Duration.ofHours(1)).build())
            .build()).tryConsume(1);
    }
}
