package dev.magpie.integrations.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.magpie.tenancy.AccountDirectory;
import dev.magpie.tenancy.AccountView;
import dev.magpie.tenancy.TenantTransactions;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates and manages the current account's connections for the integration pages, and finds the connection a
 * delivery is addressed to (across accounts, since the caller names it by id or write key alone).
 */
@Service
public class Connections {

    static final String WRITE_KEY_PREFIX = "wk_";

    static final String SECRET_PREFIX = "mgps_";

    private static final int RANDOM_LENGTH = 40;

    /** Last delivery times are shown to people; a minute's precision saves a write on most deliveries. */
    private static final Duration DELIVERY_PRECISION = Duration.ofMinutes(1);

    private final ConnectionRepository connections;

    private final AccountDirectory accounts;

    private final TenantTransactions transactions;

    private final IntegrationsProperties properties;

    private final Clock clock;

    Connections(ConnectionRepository connections, AccountDirectory accounts, TenantTransactions transactions,
            IntegrationsProperties properties, Clock clock) {
        this.connections = connections;
        this.accounts = accounts;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    /** The current account's connections of {@code platform}, oldest first. */
    @Transactional(readOnly = true)
    public List<ConnectionView> list(Platform platform) {
        Instant now = clock.instant();
        return connections.findByPlatformOrderByCreatedAtAsc(platform).stream()
            .map(connection -> ConnectionView.of(connection, now))
            .toList();
    }

    /** Every connection of the current account, oldest first. */
    @Transactional(readOnly = true)
    public List<ConnectionView> list() {
        Instant now = clock.instant();
        return connections.findAllByOrderByCreatedAtAsc().stream()
            .map(connection -> ConnectionView.of(connection, now))
            .toList();
    }

    /** One connection of the current account; other accounts' ids find nothing. */
    @Transactional(readOnly = true)
    public Optional<ConnectionView> find(Platform platform, String id) {
        return current(platform, id).map(connection -> ConnectionView.of(connection, clock.instant()));
    }

    /**
     * Creates a connection in the current account: with a new signing secret, or for Segment a new write key,
     * which is returned here and never again.
     */
    @Transactional
    public Created create(Platform platform, String name, String createdBy) {
        Instant now = clock.instant();
        Connection connection = new Connection(platform, name.trim(), createdBy, now);
        String writeKey = null;
        if (platform.signed()) {
            connection.changeSecret(newSecret(), now, now);
        }
        else {
            writeKey = newWriteKey();
            connection.changeWriteKey(Secrets.sha256(writeKey), hint(writeKey), now);
        }
        connections.save(connection);
        return new Created(ConnectionView.of(connection, now), writeKey);
    }

    /**
     * Gives a connection a new generated secret (the old one is accepted for the grace period), or a Segment
     * source a new write key (the old one stops working); returns the new write key, or empty for secrets,
     * which the connection's page shows.
     */
    @Transactional
    public Optional<Rotation> rotate(Platform platform, String id) {
        return current(platform, id).map(connection -> {
            Instant now = clock.instant();
            if (platform.signed()) {
                connection.changeSecret(newSecret(), now, now.plus(properties.secretGracePeriod()));
                return new Rotation(null);
            }
            String writeKey = newWriteKey();
            connection.changeWriteKey(Secrets.sha256(writeKey), hint(writeKey), now);
            return new Rotation(writeKey);
        });
    }

    /**
     * Makes {@code secret} the connection's signing secret, such as the key Shopify shows for the webhooks it
     * signs; the previous secret is accepted for the grace period.
     */
    @Transactional
    public boolean useSecret(Platform platform, String id, String secret) {
        return current(platform, id).filter(connection -> platform.signed()).map(connection -> {
            Instant now = clock.instant();
            connection.changeSecret(secret.trim(), now, now.plus(properties.secretGracePeriod()));
            return true;
        }).orElse(false);
    }

    /** Renames one of the current account's connections. */
    @Transactional
    public boolean rename(Platform platform, String id, String name) {
        return current(platform, id).map(connection -> {
            connection.rename(name.trim());
            return true;
        }).orElse(false);
    }

    /** Deletes one of the current account's connections: its deliveries are refused from now on. */
    @Transactional
    public boolean disconnect(Platform platform, String id) {
        return current(platform, id).map(connection -> {
            connections.delete(connection);
            return true;
        }).orElse(false);
    }

    /** The connection {@code connectionId} of {@code platform}, if it exists and its account is active. */
    public Optional<WebhookEndpoint> endpoint(String connectionId, Platform platform) {
        if (connectionId == null || connectionId.length() > 26) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return transactions.asRoot(() -> connections.findById(connectionId)
            .filter(connection -> connection.platform() == platform)
            .filter(connection -> isActive(connection.accountId())))
            .map(connection -> {
                List<String> secrets = new ArrayList<>();
                if (connection.signingSecret() != null) {
                    secrets.add(connection.signingSecret());
                }
                if (connection.previousSecretAt(now) != null) {
                    secrets.add(connection.previousSecretAt(now));
                }
                return new WebhookEndpoint(connection.id(), connection.accountId(), platform, connection.name(),
                        secrets, connection.lastDeliveryAt());
            });
    }

    /** The Segment source whose write key this is, if its account is active. */
    public Optional<WebhookEndpoint> segmentSource(String writeKey) {
        if (writeKey == null || !writeKey.startsWith(WRITE_KEY_PREFIX) || writeKey.length() > 100) {
            return Optional.empty();
        }
        return transactions.asRoot(() -> connections.findByWriteKeyHash(Secrets.sha256(writeKey))
            .filter(connection -> isActive(connection.accountId())))
            .map(connection -> new WebhookEndpoint(connection.id(), connection.accountId(), Platform.SEGMENT,
                    connection.name(), List.of(), connection.lastDeliveryAt()));
    }

    /** Notes that {@code endpoint} received a delivery of {@code topic}, for its page. */
    public void recordDelivery(WebhookEndpoint endpoint, String topic) {
        Instant now = clock.instant();
        if (endpoint.lastDeliveryAt() == null || endpoint.lastDeliveryAt().isBefore(now.minus(DELIVERY_PRECISION))) {
            String shortTopic = topic == null || topic.length() <= 100 ? topic : topic.substring(0, 100);
            transactions.asRoot(() -> connections.markDelivered(endpoint.connectionId(), now, shortTopic));
        }
    }

    private Optional<Connection> current(Platform platform, String id) {
        return connections.findById(id).filter(connection -> connection.platform() == platform);
    }

    private boolean isActive(String accountId) {
        return accounts.find(accountId).filter(account -> !account.suspended()).map(AccountView::id).isPresent();
    }

    private static String newSecret() {
        return SECRET_PREFIX + Secrets.alphanumeric(RANDOM_LENGTH);
    }

    private static String newWriteKey() {
        return WRITE_KEY_PREFIX + Secrets.alphanumeric(RANDOM_LENGTH);
    }

    private static String hint(String writeKey) {
        return writeKey.substring(0, WRITE_KEY_PREFIX.length() + 4);
    }

    /** A new connection, and its write key when it is a Segment source (shown once). */
    public record Created(ConnectionView connection, String writeKey) {
    }

    /** The outcome of a rotation: the new write key of a Segment source, else {@code null}. */
    public record Rotation(String writeKey) {
    }
}
