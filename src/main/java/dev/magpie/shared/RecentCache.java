package dev.magpie.shared;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;

/**
 * A small in-memory cache of recent answers: entries expire after a fixed time, and when it is full the expired
 * entries go, then everything (answers are cheap to find again; an occasional clear beats tracking use).
 */
public final class RecentCache<K, V> {

    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();

    private final long ttlNanos;

    private final int maxSize;

    public RecentCache(Duration ttl, int maxSize) {
        this.ttlNanos = ttl.toNanos();
        this.maxSize = maxSize;
    }

    /** The value remembered for {@code key}, or {@code null}. */
    public V get(K key) {
        Entry<V> entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (System.nanoTime() - entry.since() > ttlNanos) {
            entries.remove(key, entry);
            return null;
        }
        return entry.value();
    }

    public void put(K key, V value) {
        if (entries.size() >= maxSize) {
            long now = System.nanoTime();
            entries.values().removeIf(entry -> now - entry.since() > ttlNanos);
            if (entries.size() >= maxSize) {
                entries.clear();
            }
        }
        entries.put(key, new Entry<>(value, System.nanoTime()));
    }

    /** Forgets every entry that {@code test} picks. */
    public void removeIf(BiPredicate<K, V> test) {
        entries.entrySet().removeIf(entry -> test.test(entry.getKey(), entry.getValue().value()));
    }

    /** Forgets everything. */
    public void clear() {
        entries.clear();
    }

    private record Entry<V>(V value, long since) {
    }
}
