package dev.magpie.activity.internal;

import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.NoNodeAvailableException;
import dev.magpie.web.api.ApiException;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.AmqpTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/** A store briefly out of reach is answered with a 503 that tells the client to try again, not a 500. */
class BusyTests {

    @Test
    void timeoutsAndUnreachableEnginesAskTheClientToRetry() {
        assertThat(Busy.isTransient(new DriverTimeoutException("Query timed out after PT2S"))).isTrue();
        assertThat(Busy.isTransient(new NoNodeAvailableException())).isTrue();
        assertThat(Busy.isTransient(new AmqpTimeoutException("no confirmation"))).isTrue();
        assertThat(Busy.isTransient(new IllegalStateException("a bug"))).isFalse();

        ApiException answer = Busy.retryLater(new DriverTimeoutException("Query timed out after PT2S"));

        assertThat(answer.status().value()).isEqualTo(503);
        assertThat(answer.headers().getFirst("Retry-After")).isEqualTo("1");
        assertThat(answer.errors().get(0).detail()).contains("nothing was stored");
    }
}
