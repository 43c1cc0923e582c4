package dev.magpie.web.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.magpie.shared.ClockTimeMeter;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.VerboseResult;
import org.springframework.stereotype.Component;

/**
 * Counts API requests per key and endpoint against the endpoint's {@link RateLimitTier}, in Klaviyo's
 * model: a burst window of one second and a steady window of one minute, both fixed and aligned to the
 * clock, and a request is refused when either is used up.
 *
 * <p>Counts live in this process's memory, so each running copy of Magpie allows the full limits: behind a
 * load balancer with {@code n} copies a key can make up to {@code n} times as many requests. That keeps the
 * API free of a shared store on every call; limits are a guard against runaway clients, not a quota.
 */
@Component
public class RateLimiter {

    private static final Duration SECOND = Duration.ofSeconds(1);

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final Clock clock;

    private final TimeMeter time;

    /** Buckets unused for this long are full again, so forgetting them changes nothing. */
    private static final Duration IDLE = Duration.ofMinutes(2);

    private static final int PRUNE_ABOVE = 10_000;

    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    /** Counts against {@code clock}, so tests can move time instead of waiting. */
    public RateLimiter(Clock clock) {
        this.clock = clock;
        this.time = new ClockTimeMeter(clock);
    }

    /**
     * Counts one request of {@code caller} (a key id) to {@code endpoint} (such as
     * {@code "GET /api/accounts"}), whose tier is {@code tier}.
     */
    public RateLimit consume(String caller, String endpoint, RateLimitTier tier) {
        pruneIdleCounters();
        Counter counter = counters.computeIfAbsent(tier + " " + caller + " " + endpoint,
                key -> new Counter(newBucket(tier)));
        counter.lastUsed = clock.millis();
        VerboseResult<ConsumptionProbe> result = counter.bucket.asVerbose().tryConsumeAndReturnRemaining(1);
        ConsumptionProbe probe = result.getValue();
        long steadyRemaining = result.getDiagnostics().getAvailableTokensPerEachBandwidth()[1];
        long retryAfter = probe.isConsumed() ? 0 : Math.max(1, ceilSeconds(probe.getNanosToWaitForRefill()));
        return new RateLimit(probe.isConsumed(), tier.steadyPerMinute(), Math.max(0, steadyRemaining),
                secondsToNextMinute(), retryAfter);
    }

    private void pruneIdleCounters() {
        if (counters.size() > PRUNE_ABOVE) {
            long idleSince = clock.millis() - IDLE.toMillis();
            counters.values().removeIf(counter -> counter.lastUsed < idleSince);
        }
    }

    private Bucket newBucket(RateLimitTier tier) {
        Instant now = clock.instant();
        Bandwidth burst = Bandwidth.builder()
            .capacity(tier.burstPerSecond())
            .refillIntervallyAligned(tier.burstPerSecond(), SECOND, now.truncatedTo(ChronoUnit.SECONDS).plus(SECOND))
            .id("burst")
            .build();
        Bandwidth steady = Bandwidth.builder()
            .capacity(tier.steadyPerMinute())
            .refillIntervallyAligned(tier.steadyPerMinute(), MINUTE, now.truncatedTo(ChronoUnit.MINUTES).plus(MINUTE))
            .id("steady")
            .build();
        return Bucket.builder().addLimit(burst).addLimit(steady).withCustomTimePrecision(time).build();
    }

    private long secondsToNextMinute() {
        Instant now = clock.instant();
        return ceilSeconds(Duration.between(now, now.truncatedTo(ChronoUnit.MINUTES).plus(MINUTE)).toNanos());
    }

    private static long ceilSeconds(long nanos) {
        return (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1);
    }

    private static final class Counter {

        private final Bucket bucket;

        private volatile long lastUsed;

        private Counter(Bucket bucket) {
            this.bucket = bucket;
        }
    }
}
