package dev.magpie.activity.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.magpie.activity.Event;
import dev.magpie.activity.internal.CassandraCalls.Write;
import dev.magpie.shared.RecentCache;
import org.springframework.stereotype.Component;

/**
 * Writes events into every table that serves them, and reads single events back.
 *
 * <p>An event's rows are written in two steps: first its rows in {@code events}, {@code events_by_profile},
 * {@code events_by_metric} and the hour indexes, all in parallel (and, for many events, batched by partition);
 * then, once all are acknowledged, its rollup entry and its key in {@code profile_event_keys}, which share a
 * partition key and so go as one mutation. The key is what tells a repeat from a new event, so it is written
 * last: an event whose writes failed half-way is written again in full when it comes again, never taken for one
 * already stored.
 */
@Component
class EventStore {

    private final CassandraCalls cassandra;

    private final ActivityTables tables;

    private final EventProperties properties;

    private final MetricCatalog metrics;

    private final int keyTtlSeconds;

    /** Hours already in the hour indexes, so that each is written once per instance, not once per event. */
    private final RecentCache<IndexedHour, Boolean> indexedHours = new RecentCache<>(Duration.ofHours(2), 100_000);

    EventStore(CassandraCalls cassandra, ActivityTables tables, EventProperties properties, MetricCatalog metrics,
            ActivityProperties settings) {
        this.cassandra = cassandra;
        this.tables = tables;
        this.properties = properties;
        this.metrics = metrics;
        this.keyTtlSeconds = Math.toIntExact(settings.dedupWindow().toSeconds());
    }

    /** Stores the events in full, then remembers their keys; returns once everything is acknowledged. */
    void store(String accountId, List<KeyedEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        List<Write> writes = new ArrayList<>(events.size() * 4 + 8);
        Set<IndexedHour> hours = new LinkedHashSet<>();
        Map<String, Instant> touchedMetrics = new LinkedHashMap<>();
        for (KeyedEvent keyed : events) {
            Event event = keyed.event();
            addRows(accountId, event, writes);
            Instant hour = EventIds.hour(event.id());
            hours.add(new IndexedHour(accountId, null, hour));
            hours.add(new IndexedHour(accountId, event.metricId(), hour));
            touchedMetrics.merge(event.metricId(), event.receivedAt(), (a, b) -> a.isAfter(b) ? a : b);
        }
        List<IndexedHour> newHours = hours.stream().filter(hour -> indexedHours.get(hour) == null).toList();
        newHours.forEach(hour -> writes.add(hourIndex(hour)));
        touchedMetrics.forEach((metricId, seen) -> metrics.touch(accountId, metricId, seen).ifPresent(writes::add));
        cassandra.writeAll(writes);
        newHours.forEach(hour -> indexedHours.put(hour, Boolean.TRUE));

        // The rollup entry and the key share their partition key (account, profile): one batch is one mutation
        List<Write> profileRows = new ArrayList<>(events.size() * 2);
        for (KeyedEvent keyed : events) {
            profileRows.add(rollup(accountId, keyed.event()));
            profileRows.add(key(accountId, keyed.event().profileId(), keyed.key(), keyed.event().id()));
        }
        cassandra.writeAll(profileRows);
    }

    /** The write that remembers that {@code key} became event {@code eventId} of {@code profileId}. */
    Write key(String accountId, String profileId, String key, String eventId) {
        return new Write(profilePartition(accountId, profileId),
                tables.insertKey.bind(accountId, profileId, key, eventId, keyTtlSeconds));
    }

    /** The write that adds the event to its profile's rollup of its metric and day. */
    Write rollup(String accountId, Event event) {
        BigDecimal value = event.value() == null ? BigDecimal.ZERO : event.value();
        return new Write(profilePartition(accountId, event.profileId()),
                tables.addToRollup.bind(Map.of(event.id(), value), Set.of(EventIds.monthOf(event.time())), accountId,
                        event.profileId(), event.metricId(), EventIds.dayOf(event.time())));
    }

    /** The partition key that {@code profile_metric_days} and {@code profile_event_keys} share. */
    static String profilePartition(String accountId, String profileId) {
        return "profile|" + accountId + '|' + profileId;
    }

    /** Of {@code keys}, those the profile's events already have, with the id of the event each became. */
    CompletableFuture<Map<String, String>> knownKeys(String accountId, String profileId, Collection<String> keys) {
        return cassandra.execute(tables.selectKeys.bind(accountId, profileId, List.copyOf(keys))).thenApply(result -> {
            Map<String, String> known = new HashMap<>();
            // IN lists are short (one profile's events in one request): the first page holds every row
            result.currentPage().forEach(row -> known.put(row.getString("event_key"), row.getString("event_id")));
            return known;
        });
    }

    /** The event with this id, if the account has it. */
    Optional<Event> find(String accountId, String eventId) {
        if (!EventIds.isId(eventId)) {
            return Optional.empty();
        }
        return findAll(accountId, List.of(EventIds.canonical(eventId))).stream().findFirst();
    }

    /** The account's events among {@code ids} (stored form), in no particular order. */
    List<Event> findAll(String accountId, Collection<String> ids) {
        Map<String, List<String>> byPartition = new LinkedHashMap<>();
        for (String id : ids) {
            byPartition.computeIfAbsent(EventIds.hour(id).getEpochSecond() + "|" + EventIds.shard(id),
                    partition -> new ArrayList<>()).add(id);
        }
        List<CompletableFuture<AsyncResultSet>> reads = byPartition.values()
            .stream()
            .map(partition -> cassandra.execute(tables.selectEventsById.bind(accountId,
                    EventIds.hour(partition.get(0)), EventIds.shard(partition.get(0)), partition)))
            .toList();
        List<Event> events = new ArrayList<>(ids.size());
        for (CompletableFuture<AsyncResultSet> read : reads) {
            CassandraCalls.await(read).currentPage().forEach(row -> events.add(fromEvents(accountId, row)));
        }
        return events;
    }

    /** An event from a row of {@code events}. */
    Event fromEvents(String accountId, Row row) {
        String metricId = row.getString("metric_id");
        return new Event(row.getString("event_id"), metricId, metrics.name(accountId, metricId),
                row.getString("profile_id"), row.getInstant("time"), row.getBigDecimal("value"),
                row.getString("value_currency"), properties.read(row.getString("properties")),
                row.getString("unique_id"), row.getInstant("received_at"));
    }

    /** An event of {@code profileId} from a row of {@code events_by_profile}. */
    Event fromProfileEvents(String accountId, String profileId, Row row) {
        String metricId = row.getString("metric_id");
        return new Event(row.getString("event_id"), metricId, metrics.name(accountId, metricId), profileId,
                row.getInstant("time"), row.getBigDecimal("value"), row.getString("value_currency"),
                properties.read(row.getString("properties")), row.getString("unique_id"),
                row.getInstant("received_at"));
    }

    /** The rows of one event in {@code events}, {@code events_by_profile} and {@code events_by_metric}. */
    void addRows(String accountId, Event event, List<Write> writes) {
        Instant hour = EventIds.hour(event.id());
        byte shard = EventIds.shard(event.id());
        int month = EventIds.monthOf(event.time());
        String json = properties.write(event.properties());

        BoundStatementBuilder row = tables.insertEvent.boundStatementBuilder()
            .setString(0, accountId)
            .setInstant(1, hour)
            .setByte(2, shard);
        writes.add(new Write("e|" + accountId + '|' + hour.getEpochSecond() + '|' + shard,
                eventColumns(row, 3, event, json, true).build()));

        BoundStatementBuilder timeline = tables.insertProfileEvent.boundStatementBuilder()
            .setString(0, accountId)
            .setString(1, event.profileId())
            .setInt(2, month);
        writes.add(new Write("p|" + accountId + '|' + event.profileId() + '|' + month,
                eventColumns(timeline, 3, event, json, false).build()));

        BoundStatementBuilder byMetric = tables.insertMetricEvent.boundStatementBuilder()
            .setString(0, accountId)
            .setString(1, event.metricId())
            .setInstant(2, hour)
            .setString(3, event.id())
            .setString(4, event.profileId());
        if (event.value() != null) {
            byMetric.setBigDecimal(5, event.value());
        }
        writes.add(new Write("m|" + accountId + '|' + event.metricId() + '|' + hour.getEpochSecond(),
                byMetric.build()));
    }

    /**
     * Binds the columns every events table shares, from {@code first} on: the id, then (in {@code events} only)
     * the profile, then metric, time, value, currency, properties, unique id and time received. Absent values stay
     * unset, which writes nothing (a {@code null} would write a tombstone).
     */
    private static BoundStatementBuilder eventColumns(BoundStatementBuilder row, int first, Event event, String json,
            boolean withProfile) {
        int column = first;
        row.setString(column++, event.id());
        if (withProfile) {
            row.setString(column++, event.profileId());
        }
        row.setString(column++, event.metricId());
        row.setInstant(column++, event.time());
        if (event.value() != null) {
            row.setBigDecimal(column, event.value());
        }
        column++;
        if (event.valueCurrency() != null) {
            row.setString(column, event.valueCurrency());
        }
        column++;
        if (json != null) {
            row.setString(column, json);
        }
        column++;
        if (event.uniqueId() != null) {
            row.setString(column, event.uniqueId());
        }
        column++;
        row.setInstant(column, event.receivedAt());
        return row;
    }

    private Write hourIndex(IndexedHour hour) {
        return hour.metricId() == null
                ? new Write("ah|" + hour.accountId(), tables.insertAccountHour.bind(hour.accountId(), hour.hour()))
                : new Write("mh|" + hour.accountId() + '|' + hour.metricId(),
                        tables.insertMetricHour.bind(hour.accountId(), hour.metricId(), hour.hour()));
    }

    /** An hour in the account's index ({@code metricId} null) or in one metric's. */
    private record IndexedHour(String accountId, String metricId, Instant hour) {
    }

    /** An event to store, and its key (see {@link EventIds}). */
    record KeyedEvent(Event event, String key) {
    }
}
