package dev.magpie.integrations.internal;

import java.time.Clock;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import org.springframework.stereotype.Component;

/**
 * The delivery ids each connection has received, so that a platform's redelivery of the same webhook (Shopify
 * and WooCommerce retry whatever they think failed) is recognised and processed once.
 *
 * <p>In Cassandra rather than MySQL: it grows with every delivery of every store. A claim is a lightweight
 * transaction, so two copies of one delivery arriving at two instances at once are told apart; rows expire
 * after {@code magpie.integrations.delivery-retention}, so the table needs no clean-up.
 */
@Component
public class DeliveryLedger {

    private final CqlSession session;

    private final PreparedStatement claim;

    private final PreparedStatement release;

    private final int ttlSeconds;

    private final Clock clock;

    DeliveryLedger(CqlSession session, IntegrationsProperties properties, Clock clock) {
        this.session = session;
        this.clock = clock;
        this.ttlSeconds = Math.toIntExact(properties.deliveryRetention().toSeconds());
        this.claim = session.prepare("INSERT INTO integration_deliveries "
                + "(account_id, connection_id, delivery_id, topic, received_at) VALUES (?, ?, ?, ?, ?) "
                + "IF NOT EXISTS USING TTL ?");
        this.release = session.prepare("DELETE FROM integration_deliveries "
                + "WHERE account_id = ? AND connection_id = ? AND delivery_id = ? IF EXISTS");
    }

    /** Records the delivery; {@code false} when it was recorded before, so this one is a repeat. */
    public boolean claim(String accountId, String connectionId, String deliveryId, String topic) {
        return session.execute(claim.bind(accountId, connectionId, deliveryId, topic, clock.instant(), ttlSeconds)
            .setSerialConsistencyLevel(ConsistencyLevel.LOCAL_SERIAL)).wasApplied();
    }

    /** Forgets a claimed delivery that could not be queued, so the platform's retry is processed. */
    public void release(String accountId, String connectionId, String deliveryId) {
        session.execute(release.bind(accountId, connectionId, deliveryId)
            .setSerialConsistencyLevel(ConsistencyLevel.LOCAL_SERIAL));
    }
}
