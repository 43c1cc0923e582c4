package dev.magpie.sending.internal;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The pace of a throttled send: evenly over its hours, in steps of at most a batch and at most one a minute. */
class LaunchPacingTests {

    static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void spreadsThePlannedRecipientsEvenlyOverTheHours() {
        LaunchPacing pacing = LaunchPacing.of(START, 2, 240, 500);

        assertThat(pacing.step()).isEqualTo(2);
        assertThat(pacing.dueAt(0)).isEqualTo(START);
        assertThat(pacing.dueAt(120)).isEqualTo(START.plus(Duration.ofHours(1)));
        assertThat(pacing.dueAt(239)).isEqualTo(START.plus(Duration.ofSeconds(7170)));
        assertThat(pacing.allows(60, START.plus(Duration.ofMinutes(30)))).isTrue();
        assertThat(pacing.allows(61, START.plus(Duration.ofMinutes(30)))).isFalse();
        assertThat(pacing.resumeAt(61)).isEqualTo(pacing.dueAt(62));
    }

    @Test
    void recipientsBeyondThePlanAreDueAtTheEnd() {
        LaunchPacing pacing = LaunchPacing.of(START, 1, 10, 500);

        assertThat(pacing.step()).isEqualTo(1);
        assertThat(pacing.dueAt(10)).isEqualTo(START.plus(Duration.ofHours(1)));
        assertThat(pacing.dueAt(50)).isEqualTo(START.plus(Duration.ofHours(1)));
        assertThat(LaunchPacing.of(START, 1, 0, 500).allows(0, START.plus(Duration.ofHours(1)))).isTrue();
    }

    @Test
    void aLargeAudienceGoesAtMostABatchAStep() {
        assertThat(LaunchPacing.of(START, 1, 1_000_000, 500).step()).isEqualTo(500);
        assertThat(LaunchPacing.of(START, 10, 60_000, 500).step()).isEqualTo(100);
    }
}
