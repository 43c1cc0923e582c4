package dev.magpie.campaigns.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import dev.magpie.campaigns.internal.CampaignPagesController.Pace;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SendRatesTests {

    private final MovingClock clock = new MovingClock();

    private final SendRates rates = new SendRates(clock);

    @Test
    void theRateIsTakenOverTheLastHalfMinuteOfSamples() {
        assertThat(rates.sample("c1", 0)).as("one sample is no rate").isEmpty();
        clock.move(Duration.ofSeconds(1));
        assertThat(rates.sample("c1", 50)).as("a span too short to tell").isEmpty();
        clock.move(Duration.ofSeconds(3));
        assertThat(rates.sample("c1", 400)).contains(100.0);
        // Far past the window only the samples of its last half-minute count: 400 → 1,000 in 30 s after a lull
        clock.move(Duration.ofSeconds(60));
        assertThat(rates.sample("c1", 400)).contains(0.0);
        clock.move(Duration.ofSeconds(30));
        assertThat(rates.sample("c1", 1_000)).contains(20.0);
    }

    @Test
    void campaignsAreMeasuredApart() {
        rates.sample("c1", 0);
        rates.sample("c2", 1_000);
        clock.move(Duration.ofSeconds(10));
        assertThat(rates.sample("c1", 100)).contains(10.0);
        assertThat(rates.sample("c2", 1_500)).contains(50.0);
    }

    @Test
    void theRestTakesWhatIsLeftAtTheRate() {
        assertThat(Pace.of(100, 30_000)).isEqualTo(new Pace("100", 5L));
        assertThat(Pace.of(2.5, 10)).isEqualTo(new Pace("2.5", 1L));
        assertThat(Pace.of(0, 500)).as("nothing moves").isEqualTo(new Pace("0.0", null));
        assertThat(Pace.of(40, 0)).as("nothing left").isEqualTo(new Pace("40", null));
    }

    private static final class MovingClock extends Clock {

        private Instant now = Instant.parse("2026-11-27T09:00:00Z");

        void move(Duration by) {
            now = now.plus(by);
        }

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
    }
}
