package dev.magpie.web.api;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTests {

    private final MovableClock clock = new MovableClock(Instant.parse("2025-01-15T10:00:30.250Z"));

    private final RateLimiter limiter = new RateLimiter(clock);

    @Test
    void theFirstRequestIsAllowedAndReportsTheSteadyWindow() {
        RateLimit limit = limiter.consume("key", "GET /api/accounts", RateLimitTier.XS);

        assertThat(limit.allowed()).isTrue();
        assertThat(limit.limit()).isEqualTo(15);
        assertThat(limit.remaining()).isEqualTo(14);
        assertThat(limit.resetSeconds()).isEqualTo(30);
    }

    @Test
    void aSecondRequestInTheSameSecondOverTheBurstIsRefusedUntilTheNextSecond() {
        limiter.consume("key", "GET /api/accounts", RateLimitTier.XS);

        RateLimit refused = limiter.consume("key", "GET /api/accounts", RateLimitTier.XS);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);

        clock.advance(Duration.ofMillis(750));
        RateLimit allowed = limiter.consume("key", "GET /api/accounts", RateLimitTier.XS);
        assertThat(allowed.allowed()).isTrue();
        assertThat(allowed.remaining()).isEqualTo(13);
    }

    @Test
    void theSteadyLimitHoldsUntilTheMinuteTurns() {
        for (int i = 0; i < 15; i++) {
            assertThat(limiter.consume("key", "GET /api/accounts", RateLimitTier.XS).allowed()).isTrue();
            clock.advance(Duration.ofSeconds(1));
        }
        // 10:00:45.25: the 15 requests of this minute are used up, whatever the burst window says.
        RateLimit refused = limiter.consume("key", "GET /api/accounts", RateLimitTier.XS);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(15);

        clock.advance(Duration.ofSeconds(15));
        RateLimit allowed = limiter.consume("key", "GET /api/accounts", RateLimitTier.XS);
        assertThat(allowed.allowed()).isTrue();
        assertThat(allowed.remaining()).isEqualTo(14);
        assertThat(allowed.resetSeconds()).isEqualTo(60);
    }

    @Test
    void largerTiersAllowTheirBurstInOneSecond() {
        for (int i = 0; i < 75; i++) {
            assertThat(limiter.consume("key", "GET /api/profiles", RateLimitTier.L).allowed()).isTrue();
        }
        assertThat(limiter.consume("key", "GET /api/profiles", RateLimitTier.L).allowed()).isFalse();
    }

    @Test
    void keysAndEndpointsAreCountedApart() {
        limiter.consume("key", "GET /api/accounts", RateLimitTier.XS);

        assertThat(limiter.consume("other key", "GET /api/accounts", RateLimitTier.XS).allowed()).isTrue();
        assertThat(limiter.consume("key", "GET /api/accounts/{id}", RateLimitTier.XS).allowed()).isTrue();
        assertThat(limiter.consume("key", "GET /api/accounts", RateLimitTier.XS).allowed()).isFalse();
    }
}
