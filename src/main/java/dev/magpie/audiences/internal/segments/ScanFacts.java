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
 * One profile's facts during a full evaluation, served from what was read for its whole shard or page at once:
 * its row and its rollups (each read for a page of profiles in parallel, and only when a condition still to be
 * evaluated needs it), and the members of the lists and segments the definition names (read shard by shard). Only
 * a property-filtered metric condition reads more: the profile's own timeline.
 */
final class ScanFacts implements ProfileFacts {

    private final String accountId;

    private final String profileId;

    private final Profile profile;

    private final Map<String, List<RolledUpEvent>> events;

    private final Map<String, Map<String, Instant>> groupMembers;

    private final ProfileRollups rollups;

    private final Map<String, List<Event>> timelines = new HashMap<>();

    /**
     * @param profile the profile's row; {@code null} when it was not read (no condition evaluated reads it)
     * @param events the profile's rolled-up events by metric; {@code null} while they have not been read (no
     *        condition evaluated counts events)
     * @param groupMembers the members of each list and segment of the definition, for this profile's shard
     */
    ScanFacts(String accountId, String profileId, Profile profile, Map<String, List<RolledUpEvent>> events,
            Map<String, Map<String, Instant>> groupMembers, ProfileRollups rollups) {
        this.accountId = accountId;
        this.profileId = profileId;
        this.profile = profile;
        this.events = events;
        this.groupMembers = groupMembers;
        this.rollups = rollups;
    }

    @Override
    public Profile profile() {
        if (profile == null) {
            throw new IllegalStateException("The profile was not read for this evaluation");
        }
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
                key -> rollups.timeline(accountId, profileId, metricId, from, null));
    }

    @Override
    public Optional<Instant> memberSince(String groupId) {
        return Optional.ofNullable(groupMembers.getOrDefault(groupId, Map.of()).get(profileId));
    }
}
