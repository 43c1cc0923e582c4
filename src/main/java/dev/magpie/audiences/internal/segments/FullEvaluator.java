package dev.magpie.audiences.internal.segments;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import dev.magpie.audiences.internal.segments.SegmentCatalog.Compiled;
import dev.magpie.audiences.internal.segments.SegmentLedger.Claim;
import dev.magpie.profiles.ProfileScan;
import dev.magpie.shared.Ids;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Full evaluation: after a segment is created or its definition changes, one instance claims it and visits every
 * live profile of the account, several shards at once (see {@link ShardEvaluator}), entering and removing members
 * and recording progress as it goes; then it records the exact member count. A full evaluation does not announce the members it finds: a new segment's
 * first members did not "enter" it. If the instance dies, its lease runs out and another starts again.
 */
@Component
class FullEvaluator implements InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(FullEvaluator.class);

    /** Time between two progress records (which also renew the lease). */
    private static final Duration PROGRESS_EVERY = Duration.ofMillis(500);

    private final SegmentLedger ledger;

    private final SegmentCatalog catalog;

    private final ShardEvaluator evaluator;

    private final ProfileScan profiles;

    private final SegmentsProperties properties;

    private final Clock clock;

    private final String owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + Ids.newId();

    private ScheduledExecutorService poller;

    private ExecutorService shards;

    FullEvaluator(SegmentLedger ledger, SegmentCatalog catalog, ShardEvaluator evaluator, ProfileScan profiles,
            SegmentsProperties properties, Clock clock) {
        this.ledger = ledger;
        this.catalog = catalog;
        this.evaluator = evaluator;
        this.profiles = profiles;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void afterPropertiesSet() {
        poller = Executors.newSingleThreadScheduledExecutor(work -> daemon(work, "segment-full-evaluation"));
        shards = Executors.newFixedThreadPool(properties.fullEvaluationThreads(),
                work -> daemon(work, "segment-full-evaluation-shard"));
        if (!properties.background()) {
            return;
        }
        long every = properties.pollInterval().toMillis();
        poller.scheduleWithFixedDelay(this::runPending, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
        poller.shutdownNow();
        shards.shutdownNow();
    }

    /**
     * Evaluates every segment waiting for it, one after another; what the poller does. One caller at a time per
     * instance: the lease keeps instances apart, this keeps the poller and a direct caller apart.
     */
    synchronized void runPending() {
        try {
            Optional<Claim> claim;
            while ((claim = ledger.claimEvaluation(owner, clock.instant(), properties.lease())).isPresent()) {
                run(claim.get());
            }
        }
        catch (RuntimeException failed) {
            log.warn("Full segment evaluation failed; it will be retried", failed);
        }
    }

    private void run(Claim claim) {
        String accountId = claim.accountId();
        catalog.forget(accountId);
        SegmentCatalog.Account account = catalog.account(accountId);
        Compiled segment = SegmentCatalog.compile(claim.segmentId(),
                account.find(claim.segmentId()).map(Compiled::name).orElse(null), claim.definition(), account.zone());
        if (segment.definition().timeRelative()) {
            ledger.ensureSweep(accountId, clock.instant());
        }
        long total = profiles.count(accountId);
        Tally tally = new Tally(claim, total);
        ledger.progress(claim, owner, 0, total, clock.instant().plus(properties.lease()));
        List<Future<Long>> work = new ArrayList<>();
        for (int shard = 0; shard < profiles.shards(); shard++) {
            int one = shard;
            work.add(shards.submit(() -> {
                if (tally.stopped()) {
                    return 0L;
                }
                try {
                    return evaluator.evaluate(accountId, segment, account, one, tally::done);
                }
                catch (ShardEvaluator.Stopped stopped) {
                    return 0L;
                }
            }));
        }
        long found = 0;
        try {
            for (Future<Long> future : work) {
                found += future.get();
            }
        }
        catch (Exception failed) {
            tally.stop();
            ledger.release(claim, owner);
            throw new IllegalStateException("Full evaluation of segment " + claim.segmentId() + " failed", failed);
        }
        if (tally.stopped()) {
            log.info("Full evaluation of segment {} stopped: its definition changed or another instance took it",
                    claim.segmentId());
            return;
        }
        long processed = tally.processed();
        ledger.progress(claim, owner, processed, processed, clock.instant().plus(properties.lease()));
        ledger.complete(claim, owner, found, clock.instant());
        catalog.forget(accountId);
        log.info("Segment {} of account {}: {} of {} profiles are members", segment.id(), accountId, found,
                processed);
    }

    /**
     * Counts the profiles the shards have evaluated and records progress (renewing the lease) at most once per
     * {@link #PROGRESS_EVERY}, whichever shard's page comes next; remembers when it must stop.
     */
    private final class Tally {

        private final Claim claim;

        private final long total;

        private final AtomicLong processed = new AtomicLong();

        private final AtomicBoolean stop = new AtomicBoolean();

        private final AtomicLong lastRecorded = new AtomicLong(System.nanoTime());

        Tally(Claim claim, long total) {
            this.claim = claim;
            this.total = total;
        }

        boolean done(int count) {
            long done = processed.addAndGet(count);
            long last = lastRecorded.get();
            long now = System.nanoTime();
            if (now - last >= PROGRESS_EVERY.toNanos() && lastRecorded.compareAndSet(last, now)
                    && !ledger.progress(claim, owner, done, Math.max(total, done),
                            clock.instant().plus(properties.lease()))) {
                stop.set(true);
            }
            return !stop.get();
        }

        long processed() {
            return processed.get();
        }

        boolean stopped() {
            return stop.get();
        }

        void stop() {
            stop.set(true);
        }
    }

    private static Thread daemon(Runnable work, String name) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        return thread;
    }
}
