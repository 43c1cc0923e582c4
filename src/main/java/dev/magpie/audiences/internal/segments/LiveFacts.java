package dev.magpie.audiences.internal.segments;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.magpie.activity.Event;
import dev.magpie.activity.ProfileRollups;
import dev.magpie.activity.ProfileRollups.RolledUpEvent;
import dev.magpie.audiences.ListMemberships;
import dev.magpie.profiles.Profile;

/**
 * One profile's facts as stored: its rollups (all the metrics the evaluated segments count, in one read), its
 * timeline only for property-filtered conditions, its segment memberships (kept up to date as this evaluation
 * changes them), and its lists through {@link ListMemberships} when the lists feature is present (without it, no
 * list has members).
 */
final class LiveFacts implements ProfileFacts {

    private final String accountId;

    private final Profile profile;

    private final ProfileRollups rollups;

    private final Set<String> metricIds;

    private final ListMemberships lists;

    private final Map<String, Instant> segments;

    private final Set<String> segmentIds;

    private Map<String, List<RolledUpEvent>> events;

    private final Map<String, List<Event>> timelines = new HashMap<>();

    LiveFacts(String accountId, Profile profile, ProfileRollups rollups, Set<String> metricIds, ListMemberships lists,
            Map<String, Instant> segments, Set<String> segmentIds) {
        this.accountId = accountId;
        this.profile = profile;
        this.rollups = rollups;
        this.metricIds = metricIds;
        this.lists = lists;
        this.segments = segments;
        this.segmentIds = segmentIds;
    }

    @Override
    public Profile profile() {
        return profile;
    }

    @Override
    public List<RolledUpEvent> events(String metricId) {
        if (events == null || !events.containsKey(metricId)) {
            Set<String> wanted = metricIds.contains(metricId) ? metricIds : Set.of(metricId);
            Map<String, List<RolledUpEvent>> read = rollups.events(accountId, profile.id(), wanted);
            events = events == null ? new HashMap<>(read) : events;
            events.putAll(read);
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
        if (segmentIds.contains(groupId)) {
            return Optional.ofNullable(segments.get(groupId));
        }
        return lists == null ? Optional.empty() : lists.memberSince(accountId, groupId, profile.id());
    }

    /** The profile's segment memberships as this evaluation leaves them. */
    Map<String, Instant> segments() {
        return segments;
    }
}
