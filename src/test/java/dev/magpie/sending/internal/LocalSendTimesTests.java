package dev.magpie.sending.internal;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A local-time campaign's moment in each recipient's zone, with the account's zone as fallback. */
class LocalSendTimesTests {

    @Test
    void theSameTimeOfDayInEachZone() {
        LocalSendTimes times = new LocalSendTimes(Instant.parse("2026-11-30T09:00:00Z"), "Europe/Berlin");

        assertThat(times.momentFor("Pacific/Auckland")).isEqualTo(Instant.parse("2026-11-29T20:00:00Z"));
        assertThat(times.momentFor("America/New_York")).isEqualTo(Instant.parse("2026-11-30T14:00:00Z"));
        assertThat(times.momentFor(null)).isEqualTo(Instant.parse("2026-11-30T08:00:00Z"));
        assertThat(times.momentFor("Not/AZone")).isEqualTo(Instant.parse("2026-11-30T08:00:00Z"));
        assertThat(new LocalSendTimes(Instant.parse("2026-11-30T09:00:00Z"), null).momentFor(" "))
            .isEqualTo(Instant.parse("2026-11-30T09:00:00Z"));
    }

    @Test
    void aTimeSkippedByDaylightSavingMovesForward() {
        // 02:30 does not exist in New York on 8 March 2026: clocks go from 02:00 to 03:00 (EDT, UTC-4)
        LocalSendTimes times = new LocalSendTimes(Instant.parse("2026-03-08T02:30:00Z"), "UTC");

        assertThat(times.momentFor("America/New_York")).isEqualTo(Instant.parse("2026-03-08T07:30:00Z"));
    }
}
