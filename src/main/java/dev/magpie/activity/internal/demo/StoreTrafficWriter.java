package dev.magpie.activity.internal.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

import dev.magpie.activity.EventRecorder;
import dev.magpie.profiles.InvalidProfileException;
import dev.magpie.profiles.Profiles;
import dev.magpie.tenancy.TenantContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Writes a {@link StoreTraffic} into an account through the same {@link Profiles} and {@link EventRecorder}
 * that the API uses, many writers at once: every shopper's profile first, then the sessions' events. Both are
 * idempotent, so a write that fails for a moment (a busy node) is simply tried again.
 */
@Component
class StoreTrafficWriter {

    private static final Logger log = LoggerFactory.getLogger(StoreTrafficWriter.class);

    private static final int PROFILES_PER_TASK = 200;

    private static final int SESSIONS_PER_TASK = 100;

    private static final int ATTEMPTS = 4;

    private final Profiles profiles;

    private final EventRecorder recorder;

    StoreTrafficWriter(Profiles profiles, EventRecorder recorder) {
        this.profiles = profiles;
        this.recorder = recorder;
    }

    /** What was written, and how long the profiles and the events took. */
    record Written(long profiles, long events, long refused, Duration profileTime, Duration eventTime) {
    }

    /**
     * Writes every shopper and {@code sessions} sessions into {@code accountId}, calling {@code eventsWritten}
     * with the running count of events after each batch.
     */
    Written write(String accountId, StoreTraffic traffic, long sessions, int threads, LongConsumer eventsWritten)
            throws InterruptedException {
        ExecutorService writers = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "store-traffic-writer");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Counts counts = new Counts();
            long started = System.nanoTime();
            awaitAll(writeProfiles(writers, accountId, traffic.shoppers(), counts));
            long profilesDone = System.nanoTime();
            awaitAll(writeEvents(writers, accountId, traffic, sessions, counts, eventsWritten));
            return new Written(counts.profiles.get(), counts.events.get(), counts.refused.get(),
                    Duration.ofNanos(profilesDone - started), Duration.ofNanos(System.nanoTime() - profilesDone));
        }
        finally {
            writers.shutdownNow();
        }
    }

    private List<Future<?>> writeProfiles(ExecutorService writers, String accountId, Shoppers shoppers,
            Counts counts) {
        List<Future<?>> tasks = new ArrayList<>();
        for (int from = 0; from < shoppers.count(); from += PROFILES_PER_TASK) {
            int start = from;
            int end = Math.min(shoppers.count(), from + PROFILES_PER_TASK);
            tasks.add(writers.submit(() -> TenantContext.runInAccount(accountId, () -> {
                for (int i = start; i < end; i++) {
                    Shopper shopper = shoppers.shopper(i);
                    if (attempt(counts, "shopper " + i, () -> profiles.upsert(accountId, shopper.attributes()))) {
                        counts.profiles.incrementAndGet();
                    }
                }
            })));
        }
        return tasks;
    }

    private List<Future<?>> writeEvents(ExecutorService writers, String accountId, StoreTraffic traffic,
            long sessions, Counts counts, LongConsumer eventsWritten) {
        List<Future<?>> tasks = new ArrayList<>();
        for (long from = 0; from < sessions; from += SESSIONS_PER_TASK) {
            long start = from;
            long end = Math.min(sessions, from + SESSIONS_PER_TASK);
            tasks.add(writers.submit(() -> TenantContext.runInAccount(accountId, () -> {
                long written = 0;
                for (long session = start; session < end; session++) {
                    for (StoreEvent event : traffic.session(session)) {
                        if (attempt(counts, "event " + event.uniqueId(),
                                () -> recorder.record(accountId, event.toNewEvent()))) {
                            written++;
                        }
                    }
                }
                eventsWritten.accept(counts.events.addAndGet(written));
            })));
        }
        return tasks;
    }

    /** Runs {@code write}, again after a failure; false when it was refused as invalid. */
    private static boolean attempt(Counts counts, String what, Runnable write) {
        for (int attempt = 1;; attempt++) {
            try {
                write.run();
                return true;
            }
            catch (InvalidProfileException invalid) {
                // The generator makes valid data: a refusal means the rules changed, which a few log lines show
                if (counts.refused.incrementAndGet() <= 5) {
                    log.warn("Demo {} refused: {} ({})", what, invalid.getMessage(), invalid.field());
                }
                return false;
            }
            catch (RuntimeException failed) {
                if (attempt == ATTEMPTS) {
                    throw failed;
                }
                sleep(Duration.ofSeconds(attempt * 2L));
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        }
        catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Stopped while writing the store's traffic", stopped);
        }
    }

    private static void awaitAll(List<Future<?>> tasks) throws InterruptedException {
        for (Future<?> task : tasks) {
            try {
                task.get();
            }
            catch (ExecutionException failed) {
                tasks.forEach(other -> other.cancel(true));
                throw new IllegalStateException("Writing the store's traffic failed", failed.getCause());
            }
        }
    }

    /** Running totals, shared by the writers. */
    private static final class Counts {

        final AtomicLong profiles = new AtomicLong();

        final AtomicLong events = new AtomicLong();

        final AtomicLong refused = new AtomicLong();
    }
}
