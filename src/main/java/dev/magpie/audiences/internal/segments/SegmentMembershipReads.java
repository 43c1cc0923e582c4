package dev.magpie.audiences.internal.segments;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import dev.magpie.audiences.SegmentDirectory;
import dev.magpie.audiences.SegmentMemberships;
import org.springframework.stereotype.Component;

/**
 * {@link SegmentMemberships} and {@link SegmentDirectory} for other modules, from the membership tables and the
 * segments' rows.
 */
@Component
class SegmentMembershipReads implements SegmentMemberships, SegmentDirectory {

    private final Segments segments;

    private final SegmentMemberStore members;

    SegmentMembershipReads(Segments segments, SegmentMemberStore members) {
        this.segments = segments;
        this.members = members;
    }

    @Override
    public boolean exists(String accountId, String segmentId) {
        return segments.find(accountId, segmentId).isPresent();
    }

    @Override
    public Optional<Instant> memberSince(String accountId, String segmentId, String profileId) {
        return members.memberSince(accountId, segmentId, profileId);
    }

    @Override
    public Map<String, Instant> segmentsOf(String accountId, String profileId) {
        return members.segmentsOf(accountId, profileId);
    }

    @Override
    public long count(String accountId, String segmentId) {
        return segments.find(accountId, segmentId).map(Segment::memberCount).orElse(0L);
    }

    @Override
    public Map<String, Instant> members(String accountId, String segmentId, int shard) {
        return members.shardMembers(accountId, segmentId, shard);
    }

    @Override
    public void forEachMember(String accountId, String segmentId, Consumer<String> member) {
        members.forEachMember(accountId, segmentId, (profileId, since) -> member.accept(profileId));
    }

    @Override
    public List<SegmentSummary> all(String accountId) {
        return segments.all(accountId).stream()
            .map(segment -> new SegmentSummary(segment.id(), segment.name()))
            .sorted(Comparator.comparing(SegmentSummary::name, String.CASE_INSENSITIVE_ORDER))
            .toList();
    }
}
