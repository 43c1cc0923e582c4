package dev.magpie.imports.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs import jobs on this instance: claims queued jobs (or jobs whose instance stopped answering) whenever it
 * has a free slot ({@code magpie.imports.workers}), renews the leases of the jobs it runs, and deletes drafts
 * that were never mapped. Every instance runs one; the database decides which instance gets which job.
 *
 * <p>Why not a RabbitMQ job: a large import runs for minutes, longer than a broker lets a delivery stay
 * unacknowledged (RabbitMQ's consumer timeout), after which the job would be delivered to a second instance while
 * the first still works on it. The job row itself, claimed with {@code SKIP LOCKED} and held by a lease, gives one
 * owner at a time, survives a crash (the lease runs out and another instance resumes from the last recorded row)
 * and needs no second system to agree with it.
 */
@Component
class ImportWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ImportWorker.class);

    private static final Duration DRAFT_SWEEP = Duration.ofMinutes(10);

    private final ImportLedger ledger;

    private final ImportRunner runner;

    private final ImportFiles files;

    private final ImportsProperties properties;

    private final Clock clock;

    /** This instance, as the jobs it holds name it. */
    private final String owner = "instance-" + UUID.randomUUID();

    private final Semaphore slots;

    private final Semaphore wakeUps = new Semaphore(0);

    private volatile boolean running;

    private ScheduledExecutorService scheduler;

    private ExecutorService jobs;

    ImportWorker(ImportLedger ledger, ImportRunner runner, ImportFiles files, ImportsProperties properties,
            Clock clock) {
        this.ledger = ledger;
        this.runner = runner;
        this.files = files;
        this.properties = properties;
        this.clock = clock;
        this.slots = new Semaphore(properties.workers());
    }

    /** Looks for jobs now rather than at the next poll: a job was just queued. */
    void wakeUp() {
        wakeUps.release();
    }

    @Override
    public void start() {
        running = true;
        AtomicInteger threads = new AtomicInteger();
        jobs = Executors.newFixedThreadPool(properties.workers(),
                work -> daemon(work, "import-job-" + threads.incrementAndGet()));
        scheduler = Executors.newScheduledThreadPool(2, work -> daemon(work, "import-worker"));
        scheduler.execute(this::pollUntilStopped);
        Duration heartbeat = properties.lease().dividedBy(3);
        scheduler.scheduleWithFixedDelay(this::renewLeases, heartbeat.toMillis(), heartbeat.toMillis(),
                TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::deleteAbandonedDrafts, DRAFT_SWEEP.toMillis(),
                DRAFT_SWEEP.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        running = false;
        wakeUps.release();
        scheduler.shutdownNow();
        // Running jobs stop after their current batch and are released for the next instance to resume
        jobs.shutdownNow();
        try {
            if (!jobs.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("Import jobs did not stop within 30 s; their leases will run out");
            }
        }
        catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void pollUntilStopped() {
        while (running) {
            try {
                claimWhileThereIsRoom();
                wakeUps.tryAcquire(properties.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                wakeUps.drainPermits();
            }
            catch (InterruptedException interrupted) {
                return;
            }
            catch (RuntimeException failed) {
                log.warn("Could not look for import jobs; trying again in {}", properties.pollInterval(), failed);
                sleep(properties.pollInterval());
            }
        }
    }

    private void claimWhileThereIsRoom() {
        while (running && slots.tryAcquire()) {
            Optional<ClaimedJob> claimed;
            try {
                claimed = ledger.claimNext(owner, clock.instant(), properties.lease());
            }
            catch (RuntimeException failed) {
                slots.release();
                throw failed;
            }
            if (claimed.isEmpty()) {
                slots.release();
                return;
            }
            ClaimedJob job = claimed.get();
            jobs.execute(() -> {
                try {
                    runner.run(job, owner);
                }
                catch (RuntimeException unexpected) {
                    log.error("Import {} stopped unexpectedly; its lease will run out", job.id(), unexpected);
                }
                finally {
                    slots.release();
                    wakeUp();
                }
            });
        }
    }

    private void renewLeases() {
        try {
            ledger.renewLeases(owner, clock.instant().plus(properties.lease()));
        }
        catch (RuntimeException failed) {
            log.warn("Could not renew the leases of running imports", failed);
        }
    }

    private void deleteAbandonedDrafts() {
        try {
            for (ImportLedger.AbandonedDraft draft : ledger.abandonedDrafts(
                    clock.instant().minus(properties.draftRetention()))) {
                if (ledger.deleteDraft(draft.id())) {
                    files.delete(draft.fileLocation());
                }
            }
        }
        catch (RuntimeException failed) {
            log.warn("Could not delete abandoned import drafts", failed);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        }
        catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread daemon(Runnable work, String name) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        return thread;
    }
}
