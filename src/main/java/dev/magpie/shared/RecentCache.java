package dev.magpie.shared;

import java.time.Duration;
import java.util.function.BiPredicate;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * A small in-memory cache of recent answers (Caffeine's): entries expire a fixed time after they were put, and when
 * it is full the least useful ones go. For answers that are cheap to find again and may be a little stale.
 */
public final class RecentCache<K, V> {

    private final Cache<K, V> entries;

    public RecentCache(Duration ttl, int maxSize) {
        // Evicting on the caller's thread keeps the cache's size predictable without a background pool
        this.entries = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maxSize).executor(Runnable::run)
            .build();
    }

    /** The value remembered for {@code key}, or {@code null}. */
    public V get(K key) {
        return entries.getIfPresent(key);
    }

    /**
     * The value remembered for {@code key}, or the one {@code read} finds, remembered. A {@link #remove} while it is
     * being read waits for the read and then forgets it, so a change made before the remove is never hidden.
     */
    public V get(K key, Function<K, V> read) {
        return entries.get(key, read);
    }

    public void put(K key, V value) {
        entries.put(key, value);
    }

    /** Forgets the entry of {@code key}. */
    public void remove(K key) {
        entries.invalidate(key);
    }

    /** Forgets every entry that {@code test} picks. */
    public void removeIf(BiPredicate<K, V> test) {
        entries.asMap().entrySet().removeIf(entry -> test.test(entry.getKey(), entry.getValue()));
    }

    /** Forgets everything. */
    public void clear() {
        entries.invalidateAll();
    }
}
