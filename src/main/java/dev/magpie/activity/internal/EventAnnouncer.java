package dev.magpie.activity.internal;

import java.sql.Connection;
import java.util.List;

import javax.sql.DataSource;

import dev.magpie.activity.Event;
import dev.magpie.activity.EventRecorded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tells the other modules about new events with {@link EventRecorded}, inside a transaction, so that Spring
 * Modulith's publication registry records them for transactional listeners (segments, flows) and retries a
 * listener that fails.
 *
 * <p>The transaction holds nothing but the announcement: the events are already in Cassandra. It runs on a
 * connection that is only fetched if a statement needs one — when a module listens to {@link EventRecorded}
 * the registry writes its publications, otherwise nothing touches the database — so announcing costs no round
 * trip to MySQL per event until someone listens.
 */
@Component
class EventAnnouncer {

    private static final Logger log = LoggerFactory.getLogger(EventAnnouncer.class);

    private final ApplicationEventPublisher publisher;

    private final TransactionTemplate transactions;

    EventAnnouncer(ApplicationEventPublisher publisher, DataSource dataSource) {
        this.publisher = publisher;
        LazyConnectionDataSourceProxy lazy = new LazyConnectionDataSourceProxy(dataSource);
        // Known defaults spare the proxy from fetching a connection to find them out
        lazy.setDefaultAutoCommit(true);
        lazy.setDefaultTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(lazy));
    }

    /**
     * Publishes one {@link EventRecorded} per event. The events are stored whatever happens here: a failure is
     * logged, not thrown, since the caller cannot undo the writes and a retry would find the events stored.
     */
    void announce(String accountId, List<Event> events) {
        if (events.isEmpty()) {
            return;
        }
        try {
            transactions.executeWithoutResult(status -> events.forEach(event -> publisher.publishEvent(
                    new EventRecorded(accountId, event.id(), event.profileId(), event.metricId(), event.metricName(),
                            event.time()))));
        }
        catch (RuntimeException failed) {
            log.error("Could not announce {} new event(s) of account {} (first {}); they are stored", events.size(),
                    accountId, events.get(0).id(), failed);
        }
    }
}
