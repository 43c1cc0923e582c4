package dev.magpie.engines;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The back-off between attempts of a failed job. */
class MessagingPropertiesTests {

    @Test
    void waitsLongerAfterEachFailedAttemptUpToTheLongestWait() {
        MessagingProperties.Retry retry = new MessagingProperties.Retry(6, Duration.ofSeconds(10), 3.0,
                Duration.ofMinutes(5));

        assertThat(retry.delayAfter(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(retry.delayAfter(2)).isEqualTo(Duration.ofSeconds(30));
        assertThat(retry.delayAfter(3)).isEqualTo(Duration.ofSeconds(90));
        assertThat(retry.delayAfter(4)).isEqualTo(Duration.ofSeconds(270));
        assertThat(retry.delayAfter(5)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void refusesSettingsThatCannotWork() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new MessagingProperties.Retry(0, Duration.ofSeconds(1), 2, Duration.ofMinutes(1)))
            .withMessageContaining("max-attempts");
        assertThatIllegalArgumentException()
            .isThrownBy(() -> new MessagingProperties.Retry(3, Duration.ofSeconds(1), 0.5, Duration.ofMinutes(1)))
            .withMessageContaining("multiplier");
    }
}
