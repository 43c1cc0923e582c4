package dev.magpie.activity.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.magpie.activity.ActivityQueries;
import dev.magpie.activity.Event;
import dev.magpie.activity.Metric;
import dev.magpie.activity.internal.EventTimelines.EventQuery;
import dev.magpie.activity.internal.EventTimelines.Page;
import dev.magpie.activity.internal.MetricAggregator.Figures;
import dev.magpie.activity.internal.MetricAggregator.Interval;
import org.springframework.stereotype.Component;

/** What the marketer pages read: timelines, the activity feed, the metrics and their daily figures. */
@Component
class ActivityReads implements ActivityQueries {

    private final EventTimelines timelines;

    private final MetricCatalog metrics;

    private final MetricAggregator aggregator;

    ActivityReads(EventTimelines timelines, MetricCatalog metrics, MetricAggregator aggregator) {
        this.timelines = timelines;
        this.metrics = metrics;
        this.aggregator = aggregator;
    }

    @Override
    public EventPage timeline(String accountId, String profileId, Optional<String> before, int limit) {
        Page page = timelines.list(accountId,
                new EventQuery(profileId, null, null, null, before.orElse(null), false, limit));
        List<Event> events = page.events();
        return new EventPage(events, page.more() ? Optional.of(events.get(events.size() - 1).id()) : Optional.empty());
    }

    @Override
    public List<Event> latest(String accountId, Optional<Instant> since, int limit) {
        // Newer than since: event times are whole seconds, so "after since" starts a millisecond later
        Instant from = since.map(time -> time.plusMillis(1)).orElse(null);
        return timelines.list(accountId, new EventQuery(null, null, from, null, null, false, limit)).events();
    }

    @Override
    public List<Event> latestOf(String accountId, String metricId, int limit) {
        return timelines.list(accountId, new EventQuery(null, metricId, null, null, null, false, limit)).events();
    }

    @Override
    public List<Metric> metrics(String accountId) {
        return metrics.all(accountId);
    }

    @Override
    public Optional<Metric> metric(String accountId, String metricId) {
        return metrics.find(accountId, metricId);
    }

    @Override
    public List<DailyFigure> daily(String accountId, String metricId, LocalDate from, LocalDate to, ZoneId zone) {
        if (to.isBefore(from)) {
            return List.of();
        }
        Instant start = from.atStartOfDay(zone).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
        Figures figures = aggregator.aggregate(accountId, metricId, start, end, Interval.DAY, zone, false);
        List<DailyFigure> days = new ArrayList<>(figures.starts().size());
        for (int i = 0; i < figures.starts().size(); i++) {
            BigDecimal sum = figures.sums()[i];
            days.add(new DailyFigure(figures.starts().get(i).toLocalDate(), figures.counts()[i], sum));
        }
        return days;
    }
}
