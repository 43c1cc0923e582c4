package dev.magpie.audiences.internal.segments;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Member counts moved by incremental evaluation, coalesced: each member entering or leaving adds to an in-memory
 * delta of its segment, and the deltas are written a few times a second, one update per segment that moved. One
 * update per change would queue every evaluation of a busy segment on that segment's row lock in MySQL. A crash
 * loses the deltas not yet written (a fraction of a second's worth); the segment's next full evaluation counts
 * its members exactly again.
 */
@Component
class SegmentCounts implements InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SegmentCounts.class);

    private static final long FLUSH_EVERY_MILLIS = 200;

    private final SegmentLedger ledger;

    private final Clock clock;

    private final Map<String, AtomicLong> deltas = new ConcurrentHashMap<>();

    private ScheduledExecutorService flusher;

    SegmentCounts(SegmentLedger ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    @Override
    public void afterPropertiesSet() {
        flusher = Executors.newSingleThreadScheduledExecutor(work -> {
            Thread thread = new Thread(work, "segment-counts");
            thread.setDaemon(true);
            return thread;
        });
        flusher.scheduleWithFixedDelay(this::flushQuietly, FLUSH_EVERY_MILLIS, FLUSH_EVERY_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
        flusher.shutdownNow();
        flushQuietly();
    }

    /** One member entered ({@code +1}) or left ({@code -1}) the segment. */
    void add(String segmentId, int delta) {
        deltas.computeIfAbsent(segmentId, id -> new AtomicLong()).addAndGet(delta);
    }

    /** Writes every delta not yet written. */
    synchronized void flush() {
        for (Map.Entry<String, AtomicLong> entry : deltas.entrySet()) {
            long delta = entry.getValue().getAndSet(0);
            if (delta != 0) {
                try {
                    ledger.countChange(entry.getKey(), delta, clock.instant());
                }
                catch (RuntimeException failed) {
                    entry.getValue().addAndGet(delta);
                    throw failed;
                }
            }
        }
    }

    private void flushQuietly() {
        try {
            flush();
        }
        catch (RuntimeException failed) {
            log.warn("Could not write segment member counts; will try again", failed);
        }
    }
}
