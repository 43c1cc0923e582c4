package dev.magpie.activity;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One profile's activity as segments read it: from the per-profile daily rollups, never from the raw events of
 * the account. Every method reads one profile's partitions only.
 */
public interface ProfileRollups {

    /**
     * Every event of {@code metricIds} the profile's rollups hold — its id, time (to the second) and value —
     * oldest first, by metric (a metric without events maps to an empty list). One read of one partition.
     */
    Map<String, List<RolledUpEvent>> events(String accountId, String profileId, Set<String> metricIds);

    /**
     * {@link #events(String, String, Set)} for many profiles, their partitions read in parallel: by profile id,
     * for every profile of {@code profileIds}.
     */
    Map<String, Map<String, List<RolledUpEvent>>> events(String accountId, Collection<String> profileIds,
            Set<String> metricIds);

    /** How many events of the metric the profile has from {@code from} (inclusive) to {@code to} (exclusive). */
    Measure measure(String accountId, String profileId, String metricId, Instant from, Instant to);

    /**
     * The profile's events of one metric from {@code from} (inclusive, {@code null} for the beginning) to
     * {@code to} (exclusive, {@code null} for no end), with their properties, oldest first: read from the
     * profile's own timeline partitions of those months, for conditions that filter events by property.
     */
    List<Event> timeline(String accountId, String profileId, String metricId, Instant from, Instant to);

    /** An event as the rollups keep it. */
    record RolledUpEvent(String eventId, Instant time, BigDecimal value) {
    }

    /** A count of events and the sum of their values. */
    record Measure(long count, BigDecimal sum) {
    }
}
