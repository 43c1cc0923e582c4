package dev.magpie.activity.internal;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import org.springframework.stereotype.Component;

/**
 * The activity module's CQL, prepared once at start-up (db/cassandra/migrations/V002__activity.cql defines the
 * tables). Range bounds on event ids are half-open, {@code >= lower AND < upper}, so one statement serves
 * cursors and time filters alike.
 */
@Component
class ActivityTables {

    private static final String EVENT_COLUMNS = "event_id, profile_id, metric_id, time, value, value_currency, "
            + "properties, unique_id, received_at";

    private static final String PROFILE_EVENT_COLUMNS = "event_id, metric_id, time, value, value_currency, "
            + "properties, unique_id, received_at";

    final PreparedStatement insertEvent;

    final PreparedStatement insertProfileEvent;

    final PreparedStatement insertMetricEvent;

    final PreparedStatement addToRollup;

    final PreparedStatement insertAccountHour;

    final PreparedStatement insertMetricHour;

    final PreparedStatement insertKey;

    final PreparedStatement selectKeys;

    final PreparedStatement selectEventsById;

    final PreparedStatement selectEventsDescending;

    final PreparedStatement selectEventsAscending;

    final PreparedStatement selectProfileEventsDescending;

    final PreparedStatement selectProfileEventsAscending;

    final PreparedStatement selectMetricEventsDescending;

    final PreparedStatement selectMetricEventsAscending;

    final PreparedStatement selectAccountHoursDescending;

    final PreparedStatement selectAccountHoursAscending;

    final PreparedStatement selectMetricHoursDescending;

    final PreparedStatement selectMetricHoursAscending;

    final PreparedStatement selectProfileMonths;

    final PreparedStatement countMetricHours;

    final PreparedStatement countMetricHourRange;

    final PreparedStatement selectMetricProfiles;

    final PreparedStatement selectRollups;

    final PreparedStatement selectProfileMonth;

    final PreparedStatement selectProfileKeys;

    final PreparedStatement deleteProfileMonth;

    final PreparedStatement deleteProfileRollups;

    final PreparedStatement deleteProfileKeys;

    final PreparedStatement selectMetrics;

    final PreparedStatement selectMetric;

    final PreparedStatement selectMetricName;

    final PreparedStatement claimMetricName;

    final PreparedStatement insertMetric;

    final PreparedStatement touchMetric;

    ActivityTables(CqlSession session) {
        insertEvent = session.prepare("INSERT INTO events (account_id, hour, shard, " + EVENT_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        insertProfileEvent = session.prepare("INSERT INTO events_by_profile (account_id, profile_id, month, "
                + PROFILE_EVENT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        insertMetricEvent = session.prepare("INSERT INTO events_by_metric (account_id, metric_id, hour, event_id, "
                + "profile_id, value) VALUES (?, ?, ?, ?, ?, ?)");
        addToRollup = session.prepare("UPDATE profile_metric_days SET event_values = event_values + ?, "
                + "event_months = event_months + ? WHERE account_id = ? AND profile_id = ? AND metric_id = ? AND day = ?");
        insertAccountHour = session.prepare("INSERT INTO account_event_hours (account_id, hour) VALUES (?, ?)");
        insertMetricHour = session.prepare(
                "INSERT INTO metric_event_hours (account_id, metric_id, hour) VALUES (?, ?, ?)");
        insertKey = session.prepare("INSERT INTO profile_event_keys (account_id, profile_id, event_key, event_id) "
                + "VALUES (?, ?, ?, ?) USING TTL ?");
        selectKeys = session.prepare("SELECT event_key, event_id FROM profile_event_keys "
                + "WHERE account_id = ? AND profile_id = ? AND event_key IN ?");
        selectEventsById = session.prepare("SELECT " + EVENT_COLUMNS + " FROM events "
                + "WHERE account_id = ? AND hour = ? AND shard = ? AND event_id IN ?");
        selectEventsDescending = session.prepare("SELECT " + EVENT_COLUMNS + " FROM events "
                + "WHERE account_id = ? AND hour = ? AND shard = ? AND event_id >= ? AND event_id < ? LIMIT ?");
        selectEventsAscending = session.prepare("SELECT " + EVENT_COLUMNS + " FROM events "
                + "WHERE account_id = ? AND hour = ? AND shard = ? AND event_id >= ? AND event_id < ? "
                + "ORDER BY event_id ASC LIMIT ?");
        selectProfileEventsDescending = session.prepare("SELECT " + PROFILE_EVENT_COLUMNS + " FROM events_by_profile "
                + "WHERE account_id = ? AND profile_id = ? AND month = ? AND event_id >= ? AND event_id < ? LIMIT ?");
        selectProfileEventsAscending = session.prepare("SELECT " + PROFILE_EVENT_COLUMNS + " FROM events_by_profile "
                + "WHERE account_id = ? AND profile_id = ? AND month = ? AND event_id >= ? AND event_id < ? "
                + "ORDER BY event_id ASC LIMIT ?");
        selectMetricEventsDescending = session.prepare("SELECT event_id, profile_id FROM events_by_metric "
                + "WHERE account_id = ? AND metric_id = ? AND hour = ? AND event_id >= ? AND event_id < ? LIMIT ?");
        selectMetricEventsAscending = session.prepare("SELECT event_id, profile_id FROM events_by_metric "
                + "WHERE account_id = ? AND metric_id = ? AND hour = ? AND event_id >= ? AND event_id < ? "
                + "ORDER BY event_id ASC LIMIT ?");
        selectAccountHoursDescending = session.prepare("SELECT hour FROM account_event_hours "
                + "WHERE account_id = ? AND hour >= ? AND hour <= ? LIMIT ?");
        selectAccountHoursAscending = session.prepare("SELECT hour FROM account_event_hours "
                + "WHERE account_id = ? AND hour >= ? AND hour <= ? ORDER BY hour ASC LIMIT ?");
        selectMetricHoursDescending = session.prepare("SELECT hour FROM metric_event_hours "
                + "WHERE account_id = ? AND metric_id = ? AND hour >= ? AND hour <= ? LIMIT ?");
        selectMetricHoursAscending = session.prepare("SELECT hour FROM metric_event_hours "
                + "WHERE account_id = ? AND metric_id = ? AND hour >= ? AND hour <= ? ORDER BY hour ASC LIMIT ?");
        selectProfileMonths = session.prepare(
                "SELECT event_months FROM profile_metric_days WHERE account_id = ? AND profile_id = ? LIMIT 1");
        countMetricHours = session.prepare("SELECT hour, count(event_id) AS events, sum(value) AS total "
                + "FROM events_by_metric WHERE account_id = ? AND metric_id = ? AND hour IN ? GROUP BY hour");
        countMetricHourRange = session.prepare("SELECT count(event_id) AS events, sum(value) AS total "
                + "FROM events_by_metric WHERE account_id = ? AND metric_id = ? AND hour = ? "
                + "AND event_id >= ? AND event_id < ?");
        selectMetricProfiles = session.prepare("SELECT profile_id FROM events_by_metric "
                + "WHERE account_id = ? AND metric_id = ? AND hour = ? AND event_id >= ? AND event_id < ?");
        selectRollups = session.prepare("SELECT metric_id, day, event_values, event_months FROM profile_metric_days "
                + "WHERE account_id = ? AND profile_id = ?");
        selectProfileMonth = session.prepare("SELECT " + PROFILE_EVENT_COLUMNS + " FROM events_by_profile "
                + "WHERE account_id = ? AND profile_id = ? AND month = ?");
        selectProfileKeys = session.prepare(
                "SELECT event_key, event_id FROM profile_event_keys WHERE account_id = ? AND profile_id = ?");
        deleteProfileMonth = session.prepare(
                "DELETE FROM events_by_profile WHERE account_id = ? AND profile_id = ? AND month = ?");
        deleteProfileRollups = session.prepare(
                "DELETE FROM profile_metric_days WHERE account_id = ? AND profile_id = ?");
        deleteProfileKeys = session.prepare(
                "DELETE FROM profile_event_keys WHERE account_id = ? AND profile_id = ?");
        selectMetrics = session.prepare(
                "SELECT metric_id, name, source, first_seen, last_seen FROM metrics WHERE account_id = ?");
        selectMetric = session.prepare("SELECT metric_id, name, source, first_seen, last_seen FROM metrics "
                + "WHERE account_id = ? AND metric_id = ?");
        selectMetricName = session.prepare("SELECT metric_id FROM metric_names WHERE account_id = ? AND name = ?");
        claimMetricName = session.prepare(
                "INSERT INTO metric_names (account_id, name, metric_id) VALUES (?, ?, ?) IF NOT EXISTS");
        insertMetric = session.prepare("INSERT INTO metrics (account_id, metric_id, name, source, first_seen, "
                + "last_seen) VALUES (?, ?, ?, ?, ?, ?)");
        touchMetric = session.prepare("UPDATE metrics SET last_seen = ? WHERE account_id = ? AND metric_id = ?");
    }
}
