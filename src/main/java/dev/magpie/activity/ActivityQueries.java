package dev.magpie.activity;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** Reading activity back for people: timelines, the latest events, metrics and their daily figures. */
public interface ActivityQueries {

    /** A profile's events, newest first, starting after {@code before} (an event id) when given. */
    EventPage timeline(String accountId, String profileId, Optional<String> before, int limit);

    /** The account's latest events across all profiles, newest first, newer than {@code since} when given. */
    List<Event> latest(String accountId, Optional<Instant> since, int limit);

    /**
     * The metric's latest events, newest first, at most {@code limit}: a cheap look at what its events carry, e.g.
     * to offer their property names when someone filters on them.
     */
    List<Event> latestOf(String accountId, String metricId, int limit);

    /** The account's metrics, by name. */
    List<Metric> metrics(String accountId);

    /** One metric of the account. */
    Optional<Metric> metric(String accountId, String metricId);

    /** The metric's event count and value sum per day from {@code from} to {@code to}, in {@code zone}. */
    List<DailyFigure> daily(String accountId, String metricId, LocalDate from, LocalDate to, ZoneId zone);

    /** A page of events and the id to continue after, if there are more. */
    record EventPage(List<Event> events, Optional<String> next) {
    }

    /** A day's figures of one metric. */
    record DailyFigure(LocalDate day, long count, BigDecimal sum) {
    }
}
