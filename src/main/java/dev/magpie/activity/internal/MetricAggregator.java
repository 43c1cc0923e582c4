package dev.magpie.activity.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import org.springframework.stereotype.Component;

/**
 * Counts a metric's events, sums their values and finds their unique profiles per hour, day, week or month of a
 * time zone, straight from {@code events_by_metric}: Cassandra counts and sums whole hours itself (one query per
 * hundred hours, grouped by hour), and the hours that an interval boundary cuts — in a zone half an hour off UTC,
 * say — are counted piece by piece with id ranges. Only hours that hold events are read. Unique profiles need
 * the profile ids themselves, so asking for them reads every event of the range.
 */
@Component
class MetricAggregator {

    private static final Duration HOUR = Duration.ofHours(1);

    private static final int HOURS_PER_QUERY = 100;

    private final CassandraCalls cassandra;

    private final ActivityTables tables;

    MetricAggregator(CassandraCalls cassandra, ActivityTables tables) {
        this.cassandra = cassandra;
        this.tables = tables;
    }

    /** How long each interval is. */
    enum Interval {
        HOUR, DAY, WEEK, MONTH;

        ZonedDateTime start(ZonedDateTime time) {
            return switch (this) {
                case HOUR -> time.truncatedTo(ChronoUnit.HOURS);
                case DAY -> time.truncatedTo(ChronoUnit.DAYS);
                case WEEK -> time.truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.previousOrSame(
                        java.time.DayOfWeek.MONDAY));
                case MONTH -> time.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
            };
        }

        ZonedDateTime next(ZonedDateTime start) {
            return switch (this) {
                case HOUR -> start.plusHours(1);
                case DAY -> start.plusDays(1);
                case WEEK -> start.plusWeeks(1);
                case MONTH -> start.plusMonths(1);
            };
        }
    }

    /** The interval starts, in {@code zone}, that cover {@code [from, until)}. */
    static List<ZonedDateTime> intervals(Instant from, Instant until, Interval interval, ZoneId zone) {
        List<ZonedDateTime> starts = new ArrayList<>();
        for (ZonedDateTime start = interval.start(from.atZone(zone)); start.toInstant().isBefore(until);
                start = interval.next(start)) {
            starts.add(start);
        }
        return starts;
    }

    /**
     * The metric's figures for every interval of {@code zone} that {@code [from, until)} touches; events before
     * {@code from} or from {@code until} on are not counted, even in the first and last intervals.
     */
    Figures aggregate(String accountId, String metricId, Instant from, Instant until, Interval interval, ZoneId zone,
            boolean uniques) {
        List<ZonedDateTime> starts = intervals(from, until, interval, zone);
        int n = starts.size();
        long[] counts = new long[n];
        BigDecimal[] sums = new BigDecimal[n];
        Arrays.fill(sums, BigDecimal.ZERO);
        List<Set<String>> profiles = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            profiles.add(uniques ? new HashSet<>() : Set.of());
        }
        if (n == 0) {
            return new Figures(starts, counts, sums, uniques ? new long[0] : null);
        }
        Instant[] edges = new Instant[n + 1];
        for (int i = 0; i < n; i++) {
            edges[i] = i == 0 ? from : starts.get(i).toInstant();
        }
        edges[n] = until;

        List<Instant> wholeHours = new ArrayList<>();
        List<Integer> wholeHourIntervals = new ArrayList<>();
        List<Piece> pieces = new ArrayList<>();
        for (Instant hour : hoursWithEvents(accountId, metricId, from, until)) {
            Instant hourEnd = hour.plus(HOUR);
            int first = intervalOf(edges, hour.isBefore(from) ? from : hour);
            int last = intervalOf(edges, (hourEnd.isAfter(until) ? until : hourEnd).minusMillis(1));
            boolean whole = first == last && !hour.isBefore(edges[first]) && !hourEnd.isAfter(edges[first + 1]);
            if (whole) {
                wholeHours.add(hour);
                wholeHourIntervals.add(first);
            }
            else {
                for (int i = first; i <= last; i++) {
                    Instant start = edges[i].isAfter(hour) ? edges[i] : hour;
                    Instant end = edges[i + 1].isBefore(hourEnd) ? edges[i + 1] : hourEnd;
                    if (start.isBefore(end)) {
                        pieces.add(new Piece(hour, start, end, i));
                    }
                }
            }
        }

        List<CompletableFuture<AsyncResultSet>> wholeCounts = new ArrayList<>();
        for (int from0 = 0; from0 < wholeHours.size(); from0 += HOURS_PER_QUERY) {
            List<Instant> chunk = wholeHours.subList(from0, Math.min(wholeHours.size(), from0 + HOURS_PER_QUERY));
            wholeCounts.add(cassandra.execute(tables.countMetricHours.bind(accountId, metricId, List.copyOf(chunk))));
        }
        List<CompletableFuture<AsyncResultSet>> pieceCounts = pieces.stream()
            .map(piece -> cassandra.execute(tables.countMetricHourRange.bind(accountId, metricId, piece.hour(),
                    EventIds.lowestAt(piece.start()), EventIds.lowestAt(piece.end()))))
            .toList();
        Map<Instant, Integer> intervalOfHour = new java.util.HashMap<>();
        for (int i = 0; i < wholeHours.size(); i++) {
            intervalOfHour.put(wholeHours.get(i), wholeHourIntervals.get(i));
        }
        for (CompletableFuture<AsyncResultSet> result : wholeCounts) {
            for (Row row : CassandraCalls.await(result).currentPage()) {
                int i = intervalOfHour.get(row.getInstant("hour"));
                counts[i] += row.getLong("events");
                sums[i] = sums[i].add(total(row));
            }
        }
        for (int p = 0; p < pieces.size(); p++) {
            Row row = CassandraCalls.await(pieceCounts.get(p)).one();
            if (row != null) {
                counts[pieces.get(p).interval()] += row.getLong("events");
                sums[pieces.get(p).interval()] = sums[pieces.get(p).interval()].add(total(row));
            }
        }
        long[] unique = null;
        if (uniques) {
            List<Piece> all = new ArrayList<>(pieces);
            for (int i = 0; i < wholeHours.size(); i++) {
                Instant hour = wholeHours.get(i);
                all.add(new Piece(hour, hour, hour.plus(HOUR), wholeHourIntervals.get(i)));
            }
            for (Piece piece : all) {
                cassandra.iterate(tables.selectMetricProfiles.bind(accountId, metricId, piece.hour(),
                        EventIds.lowestAt(piece.start()), EventIds.lowestAt(piece.end())).setPageSize(5000))
                    .forEachRemaining(row -> profiles.get(piece.interval()).add(row.getString("profile_id")));
            }
            unique = profiles.stream().mapToLong(Set::size).toArray();
        }
        return new Figures(starts, counts, sums, unique);
    }

    private List<Instant> hoursWithEvents(String accountId, String metricId, Instant from, Instant until) {
        return cassandra
            .rows(tables.selectMetricHoursAscending.bind(accountId, metricId, EventIds.hourOf(from),
                    EventIds.hourOf(until.minusMillis(1)), Integer.MAX_VALUE))
            .stream()
            .map(row -> row.getInstant("hour"))
            .toList();
    }

    /** The index of the interval {@code [edges[i], edges[i+1])} holding {@code time}. */
    private static int intervalOf(Instant[] edges, Instant time) {
        int low = 0;
        int high = edges.length - 2;
        while (low < high) {
            int middle = (low + high + 1) >>> 1;
            if (edges[middle].isAfter(time)) {
                high = middle - 1;
            }
            else {
                low = middle;
            }
        }
        return low;
    }

    private static BigDecimal total(Row row) {
        BigDecimal total = row.getBigDecimal("total");
        return total == null ? BigDecimal.ZERO : total;
    }

    /** The part of {@code hour} from {@code start} until {@code end} that belongs to interval {@code interval}. */
    private record Piece(Instant hour, Instant start, Instant end, int interval) {
    }

    /**
     * A metric's figures: per interval start, the event count, the sum of values, and (when asked for) the number
     * of unique profiles, else {@code null}.
     */
    record Figures(List<ZonedDateTime> starts, long[] counts, BigDecimal[] sums, long[] uniques) {
    }
}
