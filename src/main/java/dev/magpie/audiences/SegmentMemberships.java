package dev.magpie.audiences;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Who is in a segment: what campaigns and flows ask of segments. */
public interface SegmentMemberships {

    /** Whether the account has this segment. */
    boolean exists(String accountId, String segmentId);

    /** Since when the profile has been in the segment, or empty when it is not in it. */
    Optional<Instant> memberSince(String accountId, String segmentId, String profileId);

    /** The segments the profile is in, each with since when. */
    Map<String, Instant> segmentsOf(String accountId, String profileId);

    /** How many profiles the segment has (exact once its full evaluation has finished). */
    long count(String accountId, String segmentId);

    /**
     * The members of one shard of the segment, with since when, shards as
     * {@link dev.magpie.profiles.ProfileScan#shardOf} (a profile's memberships all live in its shard): for work that
     * goes through an audience shard by shard and must be able to stop and resume. Empty for a segment the account
     * does not have.
     */
    Map<String, Instant> members(String accountId, String segmentId, int shard);

    /** Streams every member's profile id to {@code member}, without holding the segment in memory. */
    void forEachMember(String accountId, String segmentId, Consumer<String> member);
}
