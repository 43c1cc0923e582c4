package dev.magpie.profiles.internal;

import dev.magpie.profiles.ProfileScan;

/**
 * How an account's profiles are spread over partitions of the listing and name tables. Both numbers are part
 * of the stored data: changing them needs a migration that rewrites those tables.
 */
final class ProfileShards {

    /** Partitions of {@code profiles_by_shard} per account. */
    static final int SHARDS = ProfileScan.SHARDS;

    /** Partitions of {@code profile_names} per account and initial. */
    static final int NAME_BUCKETS = 16;

    private ProfileShards() {
    }

    /** The listing shard of a profile; String.hashCode is fixed by the Java language, so this never drifts. */
    static int shard(String profileId) {
        return ProfileScan.shardOf(profileId);
    }

    /** The name-index bucket of a profile. */
    static int nameBucket(String profileId) {
        return Math.floorMod(profileId.hashCode(), NAME_BUCKETS);
    }
}
