package dev.magpie.activity.internal;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

import dev.magpie.activity.ActivityQueries;
import dev.magpie.activity.Event;
import dev.magpie.profiles.LastEventTimes;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * The time of each profile's newest event, read from the head of its timeline when the profile APIs ask: a page
 * of profiles costs a timeline read each, in parallel, and nothing is written per event to keep it.
 */
@Component
class ProfileLastEvents implements LastEventTimes {

    private final ActivityQueries activity;

    private final ExecutorService lookups;

    ProfileLastEvents(ActivityQueries activity, @Qualifier("activityProfileLookups") ExecutorService lookups) {
        this.activity = activity;
        this.lookups = lookups;
    }

    @Override
    public Map<String, Instant> of(String accountId, Collection<String> profileIds) {
        Map<String, CompletableFuture<Optional<Instant>>> newest = new LinkedHashMap<>();
        for (String profileId : profileIds) {
            newest.computeIfAbsent(profileId, id -> CompletableFuture.supplyAsync(() -> activity
                .timeline(accountId, id, Optional.empty(), 1)
                .events()
                .stream()
                .findFirst()
                .map(Event::time), lookups));
        }
        Map<String, Instant> times = new LinkedHashMap<>();
        newest.forEach((profileId, time) -> CassandraCalls.await(time).ifPresent(at -> times.put(profileId, at)));
        return times;
    }
}
