package dev.magpie.activity.internal.demo;

import java.util.Arrays;

/** Request latencies of one phase, kept in full (a phase has at most a few hundred thousand) for exact percentiles. */
final class Latencies {

    private long[] nanos = new long[1024];

    private int count;

    synchronized void add(long elapsedNanos) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = elapsedNanos;
    }

    synchronized int count() {
        return count;
    }

    /** The {@code percent}th percentile in milliseconds (nearest rank). */
    synchronized double percentileMillis(double percent) {
        if (count == 0) {
            return 0;
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percent / 100 * count);
        return sorted[Math.max(0, Math.min(count - 1, rank - 1))] / 1e6;
    }

    String summary() {
        return "p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms".formatted(percentileMillis(50),
                percentileMillis(95), percentileMillis(99), percentileMillis(100));
    }
}
