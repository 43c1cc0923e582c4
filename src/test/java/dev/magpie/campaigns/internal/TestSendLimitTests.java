package dev.magpie.campaigns.internal;

import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** An account gets its hourly allowance of test sends, then is refused; another account's allowance is its own. */
class TestSendLimitTests {

    @Test
    void anAccountIsRefusedOnceItsHourlyAllowanceIsUsed() {
        TestSendLimit limit = new TestSendLimit();
        long taken = IntStream.range(0, TestSendLimit.PER_HOUR).filter(i -> limit.tryTake("alder")).count();
        assertThat(taken).isEqualTo(TestSendLimit.PER_HOUR);
        assertThat(limit.tryTake("alder")).isFalse();
        assertThat(limit.tryTake("beech")).isTrue();
    }
}
