package dev.magpie.activity.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.magpie.activity.Event;
import dev.magpie.activity.ProfileRollups;
import dev.magpie.activity.internal.EventTimelines.EventQuery;
import dev.magpie.activity.internal.EventTimelines.Page;
import org.springframework.stereotype.Component;

/**
 * {@link ProfileRollups} over {@code profile_metric_days}. An event's id carries its time to the second (see
 * {@link EventIds}), so the rollups answer any window exactly — hours, or days of any time zone — although
 * they are bucketed by UTC day: the days a window touches are read and their entries filtered by time.
 */
@Component
class ProfileRollupReads implements ProfileRollups {

    private static final int TIMELINE_PAGE = 1000;

    private final CassandraCalls cassandra;

    private final EventTimelines timelines;

    private final PreparedStatement selectMetrics;

    private final PreparedStatement selectDays;

    ProfileRollupReads(CqlSession session, CassandraCalls cassandra, EventTimelines timelines) {
        this.cassandra = cassandra;
        this.timelines = timelines;
        this.selectMetrics = session.prepare("SELECT metric_id, event_values FROM profile_metric_days "
                + "WHERE account_id = ? AND profile_id = ? AND metric_id IN ?");
        this.selectDays = session.prepare("SELECT event_values FROM profile_metric_days "
                + "WHERE account_id = ? AND profile_id = ? AND metric_id = ? AND day >= ? AND day <= ?");
    }

    @Override
    public Map<String, List<RolledUpEvent>> events(String accountId, String profileId, Set<String> metricIds) {
        if (metricIds.isEmpty()) {
            return collect(metricIds, List.of());
        }
        return collect(metricIds, cassandra.rows(selectMetrics.bind(accountId, profileId, List.copyOf(metricIds))));
    }

    @Override
    public Map<String, Map<String, List<RolledUpEvent>>> events(String accountId, Collection<String> profileIds,
            Set<String> metricIds) {
        Map<String, Map<String, List<RolledUpEvent>>> events = new LinkedHashMap<>();
        if (metricIds.isEmpty()) {
            profileIds.forEach(profileId -> events.put(profileId, collect(metricIds, List.of())));
            return events;
        }
        List<String> metrics = List.copyOf(metricIds);
        Map<String, CompletableFuture<AsyncResultSet>> reads = new LinkedHashMap<>();
        profileIds.forEach(profileId -> reads.put(profileId,
                cassandra.execute(selectMetrics.bind(accountId, profileId, metrics))));
        reads.forEach((profileId, read) -> {
            AsyncResultSet first = CassandraCalls.await(read);
            // A partition longer than a driver page (thousands of days of these metrics) is read again in full
            events.put(profileId, first.hasMorePages() ? events(accountId, profileId, metricIds)
                    : collect(metricIds, CassandraCalls.currentPage(first)));
        });
        return events;
    }

    /** The rolled-up events of {@code rows}, by metric, oldest first; every metric of {@code metricIds} present. */
    private static Map<String, List<RolledUpEvent>> collect(Set<String> metricIds, List<Row> rows) {
        Map<String, List<RolledUpEvent>> events = new LinkedHashMap<>();
        metricIds.forEach(metricId -> events.put(metricId, new ArrayList<>()));
        for (Row row : rows) {
            List<RolledUpEvent> list = events.get(row.getString("metric_id"));
            row.getMap("event_values", String.class, BigDecimal.class)
                .forEach((id, value) -> list.add(new RolledUpEvent(id, EventIds.time(id), value)));
        }
        events.values().forEach(list -> list.sort(Comparator.comparing(RolledUpEvent::eventId)));
        return events;
    }

    @Override
    public Measure measure(String accountId, String profileId, String metricId, Instant from, Instant to) {
        if (!from.isBefore(to)) {
            return new Measure(0, BigDecimal.ZERO);
        }
        LocalDate first = LocalDate.ofInstant(from, ZoneOffset.UTC);
        LocalDate last = LocalDate.ofInstant(to.minusMillis(1), ZoneOffset.UTC);
        long count = 0;
        BigDecimal sum = BigDecimal.ZERO;
        for (Row row : cassandra.rows(selectDays.bind(accountId, profileId, metricId, first, last))) {
            for (Map.Entry<String, BigDecimal> entry : row.getMap("event_values", String.class, BigDecimal.class)
                .entrySet()) {
                Instant time = EventIds.time(entry.getKey());
                if (!time.isBefore(from) && time.isBefore(to)) {
                    count++;
                    sum = sum.add(entry.getValue());
                }
            }
        }
        return new Measure(count, sum);
    }

    @Override
    public List<Event> timeline(String accountId, String profileId, String metricId, Instant from, Instant to) {
        List<Event> events = new ArrayList<>();
        String after = null;
        while (true) {
            Page page = timelines.list(accountId,
                    new EventQuery(profileId, metricId, from, to, after, true, TIMELINE_PAGE));
            events.addAll(page.events());
            if (!page.more() || page.events().isEmpty()) {
                return events;
            }
            after = page.events().get(page.events().size() - 1).id();
        }
    }
}
