package dev.magpie.audiences;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Who is on a list: what segments, campaigns and flows ask of lists. Confirmed members only. */
public interface ListMemberships {

    /** Whether the account has this list (a deleted list has no members). */
    boolean exists(String accountId, String listId);

    /**
     * Since when the profile has been a confirmed member of the list, or empty when it is not one (never was,
     * left, or its double opt-in is still unconfirmed).
     */
    Optional<Instant> memberSince(String accountId, String listId, String profileId);

    /**
     * The confirmed members of one shard of the list, with since when, shards as
     * {@link dev.magpie.profiles.ProfileScan#shardOf}: what a full segment evaluation reads beside the same shard of
     * the account's profiles. Empty for a list the account does not have.
     */
    Map<String, Instant> confirmedMembers(String accountId, String listId, int shard);

    /** Streams every confirmed member's profile id to {@code member}, without holding the list in memory. */
    void forEachMember(String accountId, String listId, Consumer<String> member);
}
