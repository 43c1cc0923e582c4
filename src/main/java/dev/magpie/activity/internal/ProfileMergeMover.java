package dev.magpie.activity.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.datastax.oss.driver.api.core.cql.Row;
import dev.magpie.activity.Event;
import dev.magpie.activity.internal.CassandraCalls.Write;
import dev.magpie.profiles.ProfilesMerged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Moves the events of merged-away profiles to the profile that survived: every event is written again under the
 * survivor (timeline, rollups, keys; the event keeps its id, and its rows in {@code events} and
 * {@code events_by_metric} name the survivor), and only then are the merged profiles' partitions deleted. Moving
 * is idempotent, so a retried or repeated move does no harm.
 *
 * <p>Instances that still remember a merged-away profile for a stream of identifiers (see
 * {@link ProfileResolver}) may record a few more events under it; a second move once that memory has expired
 * picks them up.
 */
@Component
class ProfileMergeMover implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ProfileMergeMover.class);

    private final CassandraCalls cassandra;

    private final ActivityTables tables;

    private final EventStore store;

    private final ProfileResolver profiles;

    private final ActivityProperties properties;

    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "activity-merge-sweep");
        thread.setDaemon(true);
        return thread;
    });

    ProfileMergeMover(CassandraCalls cassandra, ActivityTables tables, EventStore store, ProfileResolver profiles,
            ActivityProperties properties) {
        this.cassandra = cassandra;
        this.tables = tables;
        this.store = store;
        this.profiles = profiles;
        this.properties = properties;
    }

    @Async
    @TransactionalEventListener(fallbackExecution = true)
    void on(ProfilesMerged merged) {
        move(merged.accountId(), merged.survivorId(), merged.mergedIds());
        long delay = properties.profileCacheTtl().plusSeconds(10).toMillis();
        later.schedule(() -> {
            try {
                move(merged.accountId(), merged.survivorId(), merged.mergedIds());
            }
            catch (RuntimeException failed) {
                log.warn("Second move of merged profiles {} into {} failed", merged.mergedIds(), merged.survivorId(),
                        failed);
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    /** Moves everything {@code mergedIds} did to {@code survivorId}. */
    void move(String accountId, String survivorId, List<String> mergedIds) {
        profiles.forget(accountId, mergedIds);
        for (String mergedId : mergedIds) {
            if (!mergedId.equals(survivorId)) {
                moveOne(accountId, survivorId, mergedId);
            }
        }
    }

    private void moveOne(String accountId, String survivorId, String mergedId) {
        List<Row> rollups = cassandra.rows(tables.selectRollups.bind(accountId, mergedId));
        if (rollups.isEmpty()) {
            return;
        }
        Set<Integer> months = rollups.get(0).getSet("event_months", Integer.class);
        List<Write> writes = new ArrayList<>();
        List<Write> keys = new ArrayList<>();
        int moved = 0;
        for (int month : months) {
            for (Row row : cassandra.rows(tables.selectProfileMonth.bind(accountId, mergedId, month))) {
                Event event = store.fromProfileEvents(accountId, mergedId, row);
                Event survivors = new Event(event.id(), event.metricId(), event.metricName(), survivorId, event.time(),
                        event.value(), event.valueCurrency(), event.properties(), event.uniqueId(), event.receivedAt());
                store.addRows(accountId, survivors, writes);
                writes.add(store.rollup(accountId, survivors));
                String key = EventIds.key(accountId, survivorId, event.metricId(), event.uniqueId(), event.time());
                keys.add(store.key(accountId, survivorId, key, event.id()));
                moved++;
            }
        }
        // Rollup entries whose timeline rows a failed write left out still count: carry them over as they are
        for (Row rollup : rollups) {
            if (rollup.isNull("metric_id")) {
                continue;
            }
            Map<String, BigDecimal> values = rollup.getMap("event_values", String.class, BigDecimal.class);
            if (!values.isEmpty()) {
                LocalDate day = rollup.getLocalDate("day");
                writes.add(new Write(EventStore.profilePartition(accountId, survivorId), tables.addToRollup.bind(values,
                        months, accountId, survivorId, rollup.getString("metric_id"), day)));
            }
        }
        cassandra.writeAll(writes);
        cassandra.writeAll(keys);
        List<Write> deletes = new ArrayList<>();
        for (int month : months) {
            deletes.add(new Write("p|" + accountId + '|' + mergedId + '|' + month,
                    tables.deleteProfileMonth.bind(accountId, mergedId, month)));
        }
        deletes.add(new Write(EventStore.profilePartition(accountId, mergedId),
                tables.deleteProfileRollups.bind(accountId, mergedId)));
        deletes.add(new Write(EventStore.profilePartition(accountId, mergedId),
                tables.deleteProfileKeys.bind(accountId, mergedId)));
        cassandra.writeAll(deletes);
        log.info("Moved {} event(s) of profile {} to profile {} in account {}", moved, mergedId, survivorId,
                accountId);
    }

    @Override
    public void destroy() {
        later.shutdownNow();
    }
}
