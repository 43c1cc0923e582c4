package dev.magpie.sending.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import dev.magpie.shared.ClockTimeMeter;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Paces the messages this instance hands to SMTP: at most {@code magpie.sending.throttle.account-per-second} of one
 * account, and at most its provider's (or the other domains') limit to one recipient domain — every account's
 * messages to Gmail together, since the receiving side sees the sending server, not the account.
 *
 * <p>A message takes a turn in both buckets (bucket4j, a second's worth of burst, refilled greedily). A turn no
 * further off than {@code max-wait} is waited for here; a later one is not taken at all (nothing is used up) and the
 * job is put back for later, so a consumer never stalls for long on one busy domain while others' jobs queue behind
 * it. Turns are reserved, so waiting consumers go in the order they came.
 *
 * <p>Counts live in this process's memory: with {@code n} instances the limits add up {@code n} times.
 */
@Component
class SendThrottle {

    /** Waits; the tests give one that moves their clock instead of sleeping. */
    interface Sleeper {

        void sleep(long nanos);
    }

    /** The outcome: go (after {@code waited}), or wait longer than allowed for {@code limit}, so come back later. */
    record Permit(boolean granted, Duration waited, String limit) {

        static Permit go(long waitedNanos) {
            return new Permit(true, Duration.ofNanos(waitedNanos), null);
        }
    }

    /** Buckets unused for this long are full again, so forgetting them changes nothing. */
    private static final Duration IDLE = Duration.ofSeconds(10);

    private static final int PRUNE_ABOVE = 10_000;

    private final SendThrottleProperties properties;

    private final Clock clock;

    private final TimeMeter time;

    private final Sleeper sleeper;

    private final Map<String, Limiter> limiters = new ConcurrentHashMap<>();

    @Autowired
    SendThrottle(SendThrottleProperties properties, Clock clock) {
        this(properties, clock, SendThrottle::park);
    }

    SendThrottle(SendThrottleProperties properties, Clock clock, Sleeper sleeper) {
        this.properties = properties;
        this.clock = clock;
        this.sleeper = sleeper;
        this.time = new ClockTimeMeter(clock);
    }

    /**
     * Takes a turn for one message of {@code accountId} to {@code email}, waiting for it up to {@code max-wait};
     * returns a refusal, having used up nothing, when the turn is further off.
     */
    Permit acquire(String accountId, String email) {
        pruneIdle();
        String domain = domainOf(email);
        String provider = properties.providerOf(domain);
        Limiter byDomain = provider != null
                ? limiter("provider " + provider, properties.providers().get(provider).perSecond())
                : limiter("domain " + domain, properties.domainPerSecond());
        Limiter byAccount = limiter("account " + accountId, properties.accountPerSecond());
        long maxWait = properties.maxWait().toNanos();
        long domainWait = byDomain.reserve(maxWait);
        if (domainWait < 0) {
            return new Permit(false, Duration.ZERO, provider != null ? provider : domain);
        }
        long accountWait = byAccount.reserve(maxWait);
        if (accountWait < 0) {
            byDomain.giveBack();
            return new Permit(false, Duration.ZERO, "account");
        }
        long wait = Math.max(domainWait, accountWait);
        if (wait > 0) {
            sleeper.sleep(wait);
        }
        return Permit.go(wait);
    }

    /** The part after the last {@code @}, lower case. */
    static String domainOf(String email) {
        return email.substring(email.lastIndexOf('@') + 1).trim().toLowerCase(Locale.ROOT);
    }

    private Limiter limiter(String key, int perSecond) {
        if (perSecond <= 0) {
            return Limiter.NONE;
        }
        Limiter limiter = limiters.computeIfAbsent(key, unused -> new Limiter(Bucket.builder()
            .addLimit(Bandwidth.builder().capacity(perSecond).refillGreedy(perSecond, Duration.ofSeconds(1)).build())
            .withCustomTimePrecision(time)
            .build()));
        limiter.lastUsed.set(clock.millis());
        return limiter;
    }

    private void pruneIdle() {
        if (limiters.size() > PRUNE_ABOVE) {
            long idleSince = clock.millis() - IDLE.toMillis();
            limiters.values().removeIf(limiter -> limiter.lastUsed.get() < idleSince);
        }
    }

    private static void park(long nanos) {
        // Not interruptible: the wait is short (max-wait) and the consumer finishes its job either way
        long deadline = System.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    /** One bucket. */
    private static final class Limiter {

        static final Limiter NONE = new Limiter(null);

        private final Bucket bucket;

        private final AtomicLong lastUsed = new AtomicLong();

        private Limiter(Bucket bucket) {
            this.bucket = bucket;
        }

        /**
         * Reserves a token if it comes within {@code maxWaitNanos}, and returns how long until it does; returns -1,
         * reserving nothing, when it comes later. bucket4j reserves the token and then asks its blocking strategy
         * to wait: this strategy only notes how long, so the caller can reserve in both buckets before it waits.
         */
        long reserve(long maxWaitNanos) {
            if (bucket == null) {
                return 0;
            }
            if (maxWaitNanos <= 0) {
                return bucket.tryConsume(1) ? 0 : -1;
            }
            long[] wait = { 0 };
            boolean reserved = bucket.asBlocking().tryConsumeUninterruptibly(1, maxWaitNanos, nanos -> wait[0] = nanos);
            return reserved ? wait[0] : -1;
        }

        /** Returns a reserved token that will not be used. */
        void giveBack() {
            if (bucket != null) {
                bucket.addTokens(1);
            }
        }
    }
}
