package dev.magpie.profiles;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * When profiles last did something, for the {@code last_event_date} the profile APIs show. The module that
 * records events implements it; profiles only asks, so that the dependency keeps pointing from events to profiles.
 */
public interface LastEventTimes {

    /** The time of each profile's newest event, for those of {@code profileIds} that have one. */
    Map<String, Instant> of(String accountId, Collection<String> profileIds);
}
