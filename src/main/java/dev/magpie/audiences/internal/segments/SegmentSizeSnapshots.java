package dev.magpie.audiences.internal.segments;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Every few minutes, records each ready segment's member count as its size today, so that the size-over-time
 * chart has a point for every day, including days with no full evaluation. Every instance does it: the writes are
 * idempotent upserts of one row per segment and day, so several instances at once only repeat each other.
 */
@Component
class SegmentSizeSnapshots implements InitializingBean, DisposableBean {

    /** Often enough that a day's last row is close to its end-of-day size, rarely enough to cost nothing. */
    static final Duration EVERY = Duration.ofMinutes(5);

    private static final Logger log = LoggerFactory.getLogger(SegmentSizeSnapshots.class);

    private final SegmentSizeHistory sizes;

    private final SegmentsProperties properties;

    private final Clock clock;

    private ScheduledExecutorService timer;

    SegmentSizeSnapshots(SegmentSizeHistory sizes, SegmentsProperties properties, Clock clock) {
        this.sizes = sizes;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void afterPropertiesSet() {
        if (!properties.background()) {
            // Tests that drive evaluation with their own clock take snapshots themselves
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(work -> {
            Thread thread = new Thread(work, "segment-size-snapshots");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::snapshot, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** Records today's size of every ready segment; answers the rows written. */
    int snapshot() {
        try {
            return sizes.snapshot(clock.instant());
        }
        catch (RuntimeException failed) {
            log.warn("Could not record segment sizes; the next snapshot will", failed);
            return 0;
        }
    }
}
