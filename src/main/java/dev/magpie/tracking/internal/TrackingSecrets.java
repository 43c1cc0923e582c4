package dev.magpie.tracking.internal;

import java.time.Clock;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.magpie.shared.AccountSecrets;
import org.springframework.stereotype.Component;

/**
 * Each account's secret for open pixels and click links, in Cassandra's {@code tracking_secrets}, made the first time
 * the account sends a tracked message. It is not the unsubscribe links' secret: the two kinds of link can never
 * stand in for each other.
 */
@Component
class TrackingSecrets extends AccountSecrets {

    TrackingSecrets(CqlSession session, Clock clock) {
        super(session, clock, "tracking_secrets");
    }
}
