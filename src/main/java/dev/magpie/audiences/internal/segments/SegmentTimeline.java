package dev.magpie.audiences.internal.segments;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.magpie.activity.EventRecorder;
import dev.magpie.activity.MetricSource;
import dev.magpie.activity.NewEvent;
import dev.magpie.audiences.internal.segments.SegmentCatalog.Compiled;
import dev.magpie.profiles.Identifiers;
import dev.magpie.profiles.ProfileAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Records "Entered Segment" and "Exited Segment" on profiles' timelines, on threads of its own: recording an event
 * costs as much as evaluating the profile did, and the evaluator's threads have the next profiles to look after.
 * When the queue is full the evaluator records the event itself, which slows evaluation down rather than losing
 * events. Each event's unique id (segment and time) makes a repeat harmless.
 */
@Component
class SegmentTimeline implements DisposableBean {

    static final String ENTERED_METRIC = "Entered Segment";

    static final String EXITED_METRIC = "Exited Segment";

    private static final Logger log = LoggerFactory.getLogger(SegmentTimeline.class);

    private static final int THREADS = 4;

    private static final int QUEUE = 10_000;

    private final EventRecorder recorder;

    private final ThreadPoolExecutor writers;

    private final AtomicInteger pending = new AtomicInteger();

    SegmentTimeline(EventRecorder recorder) {
        this.recorder = recorder;
        this.writers = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(QUEUE), work -> {
                    Thread thread = new Thread(work, "segment-timeline");
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
    }

    /** Records, soon, that the profile entered ({@code entered}) or left the segment at {@code at}. */
    void record(String accountId, Compiled segment, String profileId, boolean entered, Instant at) {
        pending.incrementAndGet();
        writers.execute(() -> {
            try {
                write(accountId, segment, profileId, entered, at);
            }
            finally {
                pending.decrementAndGet();
            }
        });
    }

    /** Whether every event handed over is recorded. */
    boolean idle() {
        return pending.get() == 0;
    }

    @Override
    public void destroy() {
        writers.shutdown();
        try {
            writers.awaitTermination(10, TimeUnit.SECONDS);
        }
        catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void write(String accountId, Compiled segment, String profileId, boolean entered, Instant at) {
        try {
            Map<String, Object> properties = new HashMap<>();
            properties.put("segment_id", segment.id());
            if (segment.name() != null) {
                properties.put("segment_name", segment.name());
            }
            recorder.recordFor(accountId, profileId, new NewEvent(entered ? ENTERED_METRIC : EXITED_METRIC,
                    MetricSource.MAGPIE, ProfileAttributes.of(Identifiers.NONE), at, null, null, properties,
                    segment.id() + ':' + at.toEpochMilli()));
        }
        catch (RuntimeException failed) {
            log.warn("Could not record {} segment {} on profile {}'s timeline", entered ? "entering" : "leaving",
                    segment.id(), profileId, failed);
        }
    }
}
