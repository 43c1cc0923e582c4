package dev.magpie.activity.internal;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.github.f4b6a3.ulid.Ulid;
import dev.magpie.activity.Event;
import org.springframework.stereotype.Component;

/**
 * Lists events in time order, newest or oldest first, a page at a time: one profile's (its timeline, month by
 * month), one metric's (hour by hour), or the whole account's (hour by hour, across the hour's shards). Only the
 * months and hours that hold events are read: the profile's rollup partition lists its months, the hour indexes
 * list the hours.
 */
@Component
class EventTimelines {

    private static final String LOWEST_ID = "00000000000000000000000000";

    /** Above every ULID, whose first character is at most 7. */
    private static final String ABOVE_EVERY_ID = "80000000000000000000000000";

    private static final int HOURS_PER_READ = 100;

    private static final Comparator<Event> NEWEST_FIRST = Comparator.comparing(Event::id).reversed();

    private final CassandraCalls cassandra;

    private final ActivityTables tables;

    private final EventStore store;

    EventTimelines(CassandraCalls cassandra, ActivityTables tables, EventStore store) {
        this.cassandra = cassandra;
        this.tables = tables;
        this.store = store;
    }

    /** One page of the events {@code query} asks for, and whether more follow. */
    Page list(String accountId, EventQuery query) {
        Bounds bounds = Bounds.of(query);
        if (bounds.lower().compareTo(bounds.upper()) >= 0) {
            return new Page(List.of(), false);
        }
        List<Event> events;
        if (query.profileId() != null) {
            events = fromProfile(accountId, query, bounds);
        }
        else if (query.metricId() != null) {
            events = fromMetric(accountId, query, bounds);
        }
        else {
            events = fromAccount(accountId, query, bounds);
        }
        boolean more = events.size() > query.limit();
        return new Page(more ? List.copyOf(events.subList(0, query.limit())) : events, more);
    }

    private List<Event> fromProfile(String accountId, EventQuery query, Bounds bounds) {
        List<Integer> months = months(accountId, query.profileId(), bounds, query.ascending());
        PreparedStatement select = query.ascending() ? tables.selectProfileEventsAscending
                : tables.selectProfileEventsDescending;
        List<Event> events = new ArrayList<>();
        int wanted = query.limit() + 1;
        for (int month : months) {
            // With a metric filter the page is filled from more rows than it keeps: read them a page at a time
            int limit = query.metricId() == null ? wanted - events.size() : Integer.MAX_VALUE;
            BoundStatement statement = select.bind(accountId, query.profileId(), month, bounds.lower(),
                    bounds.upper(), limit).setPageSize(Math.min(1000, Math.max(wanted, 50)));
            Iterator<Row> rows = cassandra.iterate(statement);
            while (rows.hasNext() && events.size() < wanted) {
                Event event = store.fromProfileEvents(accountId, query.profileId(), rows.next());
                if (query.metricId() == null || query.metricId().equals(event.metricId())) {
                    events.add(event);
                }
            }
            if (events.size() >= wanted) {
                break;
            }
        }
        return events;
    }

    private List<Event> fromMetric(String accountId, EventQuery query, Bounds bounds) {
        PreparedStatement select = query.ascending() ? tables.selectMetricEventsAscending
                : tables.selectMetricEventsDescending;
        int wanted = query.limit() + 1;
        List<Event> events = new ArrayList<>();
        for (Instant hour : hours(query, bounds,
                (range) -> (query.ascending() ? tables.selectMetricHoursAscending : tables.selectMetricHoursDescending)
                    .bind(accountId, query.metricId(), range.from(), range.to(), HOURS_PER_READ))) {
            List<String> ids = cassandra
                .rows(select.bind(accountId, query.metricId(), hour, bounds.lower(), bounds.upper(),
                        wanted - events.size()))
                .stream()
                .map(row -> row.getString("event_id"))
                .toList();
            events.addAll(sorted(store.findAll(accountId, ids), query.ascending()));
            if (events.size() >= wanted) {
                break;
            }
        }
        return events;
    }

    private List<Event> fromAccount(String accountId, EventQuery query, Bounds bounds) {
        PreparedStatement select = query.ascending() ? tables.selectEventsAscending : tables.selectEventsDescending;
        int wanted = query.limit() + 1;
        List<Event> events = new ArrayList<>();
        for (Instant hour : hours(query, bounds,
                (range) -> (query.ascending() ? tables.selectAccountHoursAscending
                        : tables.selectAccountHoursDescending)
                    .bind(accountId, range.from(), range.to(), HOURS_PER_READ))) {
            int limit = wanted - events.size();
            List<BoundStatement> shards = new ArrayList<>(EventIds.SHARDS);
            for (byte shard = 0; shard < EventIds.SHARDS; shard++) {
                shards.add(select.bind(accountId, hour, shard, bounds.lower(), bounds.upper(), limit));
            }
            List<Event> inHour = new ArrayList<>();
            cassandra.firstPages(shards)
                .forEach(rows -> rows.forEach(row -> inHour.add(store.fromEvents(accountId, row))));
            List<Event> ordered = sorted(inHour, query.ascending());
            events.addAll(ordered.subList(0, Math.min(limit, ordered.size())));
            if (events.size() >= wanted) {
                break;
            }
        }
        return events;
    }

    /** The months of the profile's timeline partitions within the bounds, in the order asked for. */
    private List<Integer> months(String accountId, String profileId, Bounds bounds, boolean ascending) {
        Set<Integer> all = cassandra.rows(tables.selectProfileMonths.bind(accountId, profileId))
            .stream()
            .findFirst()
            .map(row -> row.getSet("event_months", Integer.class))
            .orElse(Set.of());
        int first = EventIds.monthOf(bounds.fromTime());
        int last = EventIds.monthOf(bounds.untilTime());
        TreeSet<Integer> months = new TreeSet<>();
        all.stream().filter(month -> month >= first && month <= last).forEach(months::add);
        return ascending ? List.copyOf(months) : List.copyOf(months.descendingSet());
    }

    /** The hours of an hour index within the bounds, read lazily, a hundred at a time. */
    private Iterable<Instant> hours(EventQuery query, Bounds bounds, Function<HourRange, BoundStatement> select) {
        Instant first = EventIds.hourOf(bounds.fromTime());
        Instant last = EventIds.hourOf(bounds.untilTime());
        return () -> new Iterator<>() {

            private HourRange remaining = new HourRange(first, last);

            private Iterator<Instant> batch = List.<Instant>of().iterator();

            private boolean exhausted;

            @Override
            public boolean hasNext() {
                if (!batch.hasNext() && !exhausted) {
                    List<Instant> read = cassandra.rows(select.apply(remaining))
                        .stream()
                        .map(row -> row.getInstant("hour"))
                        .toList();
                    exhausted = read.size() < HOURS_PER_READ;
                    if (!read.isEmpty()) {
                        Instant edge = read.get(read.size() - 1);
                        remaining = query.ascending() ? new HourRange(edge.plus(1, ChronoUnit.HOURS), remaining.to())
                                : new HourRange(remaining.from(), edge.minus(1, ChronoUnit.HOURS));
                        exhausted |= remaining.from().isAfter(remaining.to());
                    }
                    batch = read.iterator();
                }
                return batch.hasNext();
            }

            @Override
            public Instant next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return batch.next();
            }
        };
    }

    private static List<Event> sorted(List<Event> events, boolean ascending) {
        List<Event> copy = new ArrayList<>(events);
        copy.sort(ascending ? NEWEST_FIRST.reversed() : NEWEST_FIRST);
        return copy;
    }

    /**
     * What to list: a profile's events (optionally of one metric only), a metric's, or, with neither, the
     * account's; those with a time from {@code from} (inclusive) until {@code until} (exclusive); after the event
     * {@code after} in the listing order (a cursor); oldest first when {@code ascending}; at most {@code limit}.
     */
    record EventQuery(String profileId, String metricId, Instant from, Instant until, String after,
            boolean ascending, int limit) {
    }

    /** A page of events and whether more follow it. */
    record Page(List<Event> events, boolean more) {
    }

    private record HourRange(Instant from, Instant to) {
    }

    /** The query's range as event ids, {@code [lower, upper)}, and as times. */
    private record Bounds(String lower, String upper) {

        static Bounds of(EventQuery query) {
            String lower = query.from() == null ? LOWEST_ID : EventIds.lowestAt(query.from());
            String upper = query.until() == null ? ABOVE_EVERY_ID : EventIds.lowestAt(query.until());
            if (query.after() != null && EventIds.isId(query.after())) {
                String after = EventIds.canonical(query.after());
                if (query.ascending()) {
                    String next = Ulid.from(after).increment().toString();
                    lower = max(lower, next);
                }
                else {
                    upper = min(upper, after);
                }
            }
            return new Bounds(lower, upper);
        }

        Instant fromTime() {
            return EventIds.time(lower);
        }

        /** A time no earlier than that of the last id in range: scanning up to it reads no partition too few. */
        Instant untilTime() {
            return EventIds.time(upper.equals(ABOVE_EVERY_ID) ? Ulid.MAX.toString() : upper);
        }

        private static String max(String a, String b) {
            return a.compareTo(b) >= 0 ? a : b;
        }

        private static String min(String a, String b) {
            return a.compareTo(b) <= 0 ? a : b;
        }
    }
}
