package dev.magpie.integrations.internal;

import java.time.Clock;
import java.util.Optional;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import org.springframework.stereotype.Component;

/**
 * Who placed each store order, for deliveries that name an order but not its customer (Shopify's refunds). One
 * row per order in Cassandra, kept for two years (the table's TTL).
 */
@Component
public class StoreOrders {

    private final CqlSession session;

    private final PreparedStatement insert;

    private final PreparedStatement select;

    private final Clock clock;

    StoreOrders(CqlSession session, Clock clock) {
        this.session = session;
        this.clock = clock;
        this.insert = session.prepare("INSERT INTO integration_orders (account_id, connection_id, order_id, "
                + "order_name, email, phone_number, first_name, last_name, currency, recorded_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        this.select = session.prepare("SELECT order_name, email, phone_number, first_name, last_name, currency "
                + "FROM integration_orders WHERE account_id = ? AND connection_id = ? AND order_id = ?");
    }

    /** Remembers who placed an order. */
    public void remember(String accountId, String connectionId, String orderId, OrderContact contact) {
        session.execute(insert.bind(accountId, connectionId, orderId, contact.orderName(), contact.email(),
                contact.phoneNumber(), contact.firstName(), contact.lastName(), contact.currency(), clock.instant()));
    }

    /** Who placed the order, if it came through this connection. */
    public Optional<OrderContact> find(String accountId, String connectionId, String orderId) {
        Row row = session.execute(select.bind(accountId, connectionId, orderId)).one();
        return Optional.ofNullable(row).map(found -> new OrderContact(found.getString("order_name"),
                found.getString("email"), found.getString("phone_number"), found.getString("first_name"),
                found.getString("last_name"), found.getString("currency")));
    }

    /** The customer of an order, as the order named them. */
    public record OrderContact(String orderName, String email, String phoneNumber, String firstName,
            String lastName, String currency) {
    }
}
