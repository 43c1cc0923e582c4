package dev.magpie.audiences.internal.segments;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.magpie.activity.Event;
import dev.magpie.activity.ProfileRollups;
import dev.magpie.activity.ProfileRollups.RolledUpEvent;
import dev.magpie.profiles.Profile;

/**
 * One profile's facts during a full evaluation, served from what was read for its whole shard at once: its
 * rollups (read for a page of profiles in parallel; none for a profile the profile-level conditions already
 * exclude), and the members of the lists and segments the definition names (read shard by shard). Only a
 * property-filtered metric condition reads more: the profile's own timeline.
 */
final class ScanFacts implements ProfileFacts {

    private final String accountId;

    private final Profile profile;

    private final Map<String, List<RolledUpEvent>> events;

    private final Map<String, Map<String, Instant>> groupMembers;

    private final ProfileRollups rollups;

    private final Map<String, List<Event>> timelines = new HashMap<>();

    /**
     * @param events the profile's rolled-up events by metric; {@code null} while they have not been read (asking
     *        for them then is a bug: the conditions that need them were left out)
     * @param groupMembers the members of each list and segment of the definition, for this profile's shard
     */
    ScanFacts(String accountId, Profile profile, Map<String, List<RolledUpEvent>> events,
            Map<String, Map<String, Instant>> groupMembers, ProfileRollups rollups) {
        this.accountId = accountId;
        this.profile = profile;
        this.events = events;
        this.groupMembers = groupMembers;
        this.rollups = rollups;
    }

    @Override
    public Profile profile() {
        return profile;
    }

    @Override
    public List<RolledUpEvent> events(String metricId) {
        if (events == null) {
            throw new IllegalStateException("Rollups were not read for this evaluation");
        }
        return events.getOrDefault(metricId, List.of());
    }

    @Override
    public List<Event> timeline(String metricId, Instant from) {
        return timelines.computeIfAbsent(metricId + '|' + from,
                key -> rollups.timeline(accountId, profile.id(), metricId, from, null));
    }

    @Override
    public Optional<Instant> memberSince(String groupId) {
        return Optional.ofNullable(groupMembers.getOrDefault(groupId, Map.of()).get(profile.id()));
    }
}
