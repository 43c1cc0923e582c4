package dev.magpie.profiles;

import java.util.List;
import java.util.function.Consumer;

/** Every live profile of an account, shard by shard, for work that must visit them all (segment evaluation). */
public interface ProfileScan {

    /** Shards of an account's profiles; part of the stored data (changing it needs a migration). */
    int SHARDS = 64;

    /** How many shards an account's profiles are spread over; shards can be scanned in parallel. */
    int shards();

    /** How many live profiles the account has (counts every shard: exact, and about a read per shard). */
    long count(String accountId);

    /** Streams every live profile of one shard to {@code each}, a page at a time, in no promised order. */
    default void forEach(String accountId, int shard, Consumer<Profile> each) {
        forEachPage(accountId, shard, 200, page -> page.forEach(each));
    }

    /**
     * Streams every live profile of one shard to {@code each} in pages of at most {@code size} (a page's rows are
     * read in parallel), in no promised order; for work that reads more per profile and wants it in flight too.
     */
    default void forEachPage(String accountId, int shard, int size, Consumer<List<Profile>> each) {
        forEachIdPage(accountId, shard, size, ids -> each.accept(read(accountId, ids)));
    }

    /**
     * Streams the ids of every live profile of one shard to {@code each} in pages of at most {@code size}, without
     * reading the profiles: for work that can rule profiles out before it needs their rows.
     */
    void forEachIdPage(String accountId, int shard, int size, Consumer<List<String>> each);

    /** The profiles of {@code ids} that are live (not merged away or deleted), read in parallel. */
    List<Profile> read(String accountId, List<String> ids);

    /**
     * The shard of a profile id (String.hashCode is fixed by the Java language, so this never drifts). Lists and
     * segments shard their members the same way, so that one shard of each can be read side by side.
     */
    static int shardOf(String profileId) {
        return Math.floorMod(profileId.hashCode(), SHARDS);
    }

    /**
     * Up to {@code limit} live profiles of one shard, for estimates that must stay cheap on a large account: the
     * whole shard when it holds no more than {@code limit} (then fewer than {@code limit} come back, or exactly
     * {@code limit}), otherwise a run of {@code limit} consecutive ids starting at a random point of the shard's
     * history (ids are time-ordered, so a fixed start would sample only the newest or the oldest profiles). At most
     * three small reads of the shard's listing plus the profiles themselves, read in parallel.
     */
    List<Profile> sample(String accountId, int shard, int limit);
}
