package dev.magpie.deliverability.internal;

import java.time.Clock;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.magpie.shared.AccountSecrets;
import org.springframework.stereotype.Component;

/** Each account's secret for unsubscribe links, in Cassandra's {@code unsubscribe_secrets}. */
@Component
class UnsubscribeSecrets extends AccountSecrets {

    UnsubscribeSecrets(CqlSession session, Clock clock) {
        super(session, clock, "unsubscribe_secrets");
    }
}
