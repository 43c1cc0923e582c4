package dev.magpie.sending.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.magpie.sending.internal.SendThrottle.Permit;
import dev.magpie.sending.internal.SendThrottleProperties.Provider;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The send throttle's arithmetic against a clock the test moves: a second's burst goes at once, the next turn is
 * waited for, a turn beyond the longest wait is refused without using anything up, a provider's domains share one
 * limit while other domains have one each, and the account's limit spans every domain.
 */
class SendThrottleTests {

    static final Instant START = Instant.parse("2026-11-27T10:00:00Z");

    /** A clock the test sets. */
    static final class MovingClock extends Clock {

        Instant now = START;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }
    }

    final MovingClock clock = new MovingClock();

    /** The waits asked for; they do not move the clock, as when several consumers queue at the same moment. */
    final List<Long> waits = new ArrayList<>();

    SendThrottle throttle(int accountPerSecond, int domainPerSecond, Duration maxWait, Map<String, Provider> providers) {
        return new SendThrottle(new SendThrottleProperties(accountPerSecond, domainPerSecond, maxWait, providers), clock,
                waits::add);
    }

    @Test
    void aSecondsBurstGoesAtOnceThenTurnsAreWaitedForInOrderUpToTheLongestWait() {
        SendThrottle throttle = throttle(0, 2, Duration.ofSeconds(1), null);

        assertThat(throttle.acquire("a", "one@shop.example").waited()).isZero();
        assertThat(throttle.acquire("a", "two@shop.example").waited()).isZero();
        // Four consumers at the same moment: the third and fourth turns are half a second apart
        assertThat(throttle.acquire("a", "three@shop.example")).isEqualTo(Permit.go(500_000_000L));
        assertThat(throttle.acquire("a", "four@shop.example")).isEqualTo(Permit.go(1_000_000_000L));
        Permit refused = throttle.acquire("a", "five@shop.example");
        assertThat(refused.granted()).isFalse();
        assertThat(refused.limit()).isEqualTo("shop.example");
        assertThat(waits).containsExactly(500_000_000L, 1_000_000_000L);

        // The refusal took no turn: a second and a half on, the next turn is the one after the fourth
        clock.advance(Duration.ofMillis(1500));
        assertThat(throttle.acquire("a", "five@shop.example")).isEqualTo(Permit.go(0));
        assertThat(throttle.acquire("a", "six@shop.example")).isEqualTo(Permit.go(500_000_000L));
    }

    @Test
    void waitingTurnsAreSleptOnTheThrottlesSleeper() {
        List<Long> slept = new ArrayList<>();
        SendThrottle throttle = new SendThrottle(new SendThrottleProperties(0, 10, Duration.ofSeconds(1), null), clock,
                nanos -> {
                    slept.add(nanos);
                    clock.advance(Duration.ofNanos(nanos));
                });
        for (int i = 0; i < 10; i++) {
            assertThat(throttle.acquire("a", i + "@shop.example").granted()).isTrue();
        }
        assertThat(slept).isEmpty();
        // One after another on one consumer: each turn comes a tenth of a second after the last
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.acquire("a", "later" + i + "@shop.example").granted()).isTrue();
        }
        assertThat(slept).hasSize(5).allSatisfy(nanos -> assertThat(nanos).isEqualTo(100_000_000L));
        assertThat(clock.instant()).isEqualTo(START.plusMillis(500));
    }

    @Test
    void aProvidersDomainsShareOneLimitAndOtherDomainsHaveTheirOwn() {
        SendThrottle throttle = throttle(0, 1, Duration.ZERO,
                Map.of("gmail", new Provider(null, 2)));

        assertThat(throttle.acquire("a", "x@gmail.com").granted()).isTrue();
        assertThat(throttle.acquire("b", "y@GoogleMail.com").granted()).isTrue();
        Permit gmail = throttle.acquire("c", "z@gmail.com");
        assertThat(gmail.granted()).isFalse();
        assertThat(gmail.limit()).isEqualTo("gmail");

        assertThat(throttle.acquire("a", "x@one.example").granted()).isTrue();
        assertThat(throttle.acquire("a", "x@two.example").granted()).isTrue();
        assertThat(throttle.acquire("a", "y@one.example").granted()).isFalse();
        // Yahoo keeps its built-in limit of 20 a second
        for (int i = 0; i < 20; i++) {
            assertThat(throttle.acquire("a", i + "@yahoo.com").granted()).isTrue();
        }
        assertThat(throttle.acquire("a", "more@ymail.com").limit()).isEqualTo("yahoo");
    }

    @Test
    void theAccountsLimitSpansDomainsAndARefusalThereGivesTheDomainsTurnBack() {
        SendThrottle throttle = throttle(2, 1, Duration.ZERO, null);

        assertThat(throttle.acquire("a", "x@one.example").granted()).isTrue();
        assertThat(throttle.acquire("a", "x@two.example").granted()).isTrue();
        Permit account = throttle.acquire("a", "x@three.example");
        assertThat(account.granted()).isFalse();
        assertThat(account.limit()).isEqualTo("account");
        // Another account is not held back by the first, and three.example's turn was given back
        assertThat(throttle.acquire("b", "y@three.example").granted()).isTrue();
    }

    @Test
    void aLimitOfZeroIsNoLimit() {
        SendThrottle throttle = throttle(0, 0, Duration.ZERO, null);
        for (int i = 0; i < 1000; i++) {
            assertThat(throttle.acquire("a", i + "@shop.example").granted()).isTrue();
        }
        assertThat(waits).isEmpty();
    }

    @Test
    void configuredProvidersAreLaidOverTheBuiltInOnes() {
        SendThrottleProperties properties = new SendThrottleProperties(200, 20, Duration.ofSeconds(1),
                Map.of("gmail", new Provider(null, 5), "fastmail",
                        new Provider(List.of(" FastMail.com", "fastmail.fm"), 7)));

        assertThat(properties.providers().get("gmail"))
            .isEqualTo(new Provider(List.of("gmail.com", "googlemail.com"), 5));
        assertThat(properties.providers().get("fastmail"))
            .isEqualTo(new Provider(List.of("fastmail.com", "fastmail.fm"), 7));
        assertThat(properties.providers().get("icloud").perSecond()).isEqualTo(10);
        assertThat(properties.providerOf("fastmail.fm")).isEqualTo("fastmail");
        assertThat(properties.providerOf("hotmail.com")).isEqualTo("microsoft");
        assertThat(properties.providerOf("shop.example")).isNull();

        assertThatThrownBy(() -> new SendThrottleProperties(200, 20, Duration.ofSeconds(1),
                Map.of("newcomer", new Provider(null, 5)))).hasMessageContaining("providers.newcomer");
        assertThatThrownBy(() -> new SendThrottleProperties(-1, 20, Duration.ofSeconds(1), null))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
