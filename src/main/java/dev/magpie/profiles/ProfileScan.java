package dev.magpie.profiles;

import java.util.function.Consumer;

/** Every live profile of an account, shard by shard, for work that must visit them all (segment evaluation). */
public interface ProfileScan {

    /** How many shards an account's profiles are spread over; shards can be scanned in parallel. */
    int shards();

    /** How many live profiles the account has (counts every shard: exact, and about a read per shard). */
    long count(String accountId);

    /** Streams every live profile of one shard to {@code each}, a page at a time, in no promised order. */
    void forEach(String accountId, int shard, Consumer<Profile> each);
}
