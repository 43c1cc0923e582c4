package dev.magpie.audiences.internal.segments;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.magpie.activity.Event;
import dev.magpie.activity.ProfileRollups.RolledUpEvent;
import dev.magpie.profiles.Profile;

/** What the evaluator may know about one profile; implementations read lazily and remember what they read. */
interface ProfileFacts {

    Profile profile();

    /** Every event of the metric in the profile's rollups, oldest first. */
    List<RolledUpEvent> events(String metricId);

    /** The profile's events of the metric with their properties, from {@code from} (or the beginning). */
    List<Event> timeline(String metricId, Instant from);

    /** Since when the profile is a member of the list or segment {@code groupId}, if it is one. */
    Optional<Instant> memberSince(String groupId);
}
