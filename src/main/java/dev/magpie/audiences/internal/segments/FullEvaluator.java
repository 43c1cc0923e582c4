package dev.magpie.audiences.internal.segments;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
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
 * live profile of the account (shard by shard, several shards at once), entering and removing members, recording
 * progress as it goes; then it removes members it did not visit (profiles merged away or deleted meanwhile) and
 * records the exact member count. A full evaluation does not announce the members it finds: a new segment's
 * first members did not "enter" it. If the instance dies, its lease runs out and another starts again.
 */
@Component
class FullEvaluator implements InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(FullEvaluator.class);

    /** Profiles between two progress records. */
    private static final int PROGRESS_EVERY = 500;

    private final SegmentLedger ledger;

    private final SegmentCatalog catalog;

    private final SegmentEngine engine;

    private final SegmentMemberStore members;

    private final ProfileScan profiles;

    private final SegmentsProperties properties;

    private final Clock clock;

    private final String owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + Ids.newId();

    private ScheduledExecutorService poller;

    private ExecutorService shards;

    FullEvaluator(SegmentLedger ledger, SegmentCatalog catalog, SegmentEngine engine, SegmentMemberStore members,
            ProfileScan profiles, SegmentsProperties properties, Clock clock) {
        this.ledger = ledger;
        this.catalog = catalog;
        this.engine = engine;
        this.members = members;
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
        Instant started = clock.instant();
        long total = profiles.count(accountId);
        AtomicLong processed = new AtomicLong();
        AtomicLong found = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        ledger.progress(claim, owner, 0, total, started.plus(properties.lease()));
        List<Future<?>> work = new ArrayList<>();
        for (int shard = 0; shard < profiles.shards(); shard++) {
            int one = shard;
            work.add(shards.submit(() -> profiles.forEach(accountId, one, profile -> {
                if (stop.get()) {
                    return;
                }
                LiveFacts facts = engine.facts(accountId, profile, account, List.of(segment));
                Instant now = clock.instant();
                engine.apply(accountId, segment, facts, now, account, false);
                if (facts.segments().containsKey(segment.id())) {
                    found.incrementAndGet();
                    members.confirm(accountId, segment.id(), profile.id(), started);
                }
                long done = processed.incrementAndGet();
                if (done % PROGRESS_EVERY == 0 && !ledger.progress(claim, owner, done, Math.max(total, done),
                        now.plus(properties.lease()))) {
                    stop.set(true);
                }
            })));
        }
        try {
            for (Future<?> future : work) {
                future.get();
            }
        }
        catch (Exception failed) {
            stop.set(true);
            ledger.release(claim, owner);
            throw new IllegalStateException("Full evaluation of segment " + claim.segmentId() + " failed", failed);
        }
        if (stop.get()) {
            log.info("Full evaluation of segment {} stopped: its definition changed or another instance took it",
                    claim.segmentId());
            return;
        }
        // Members the pass did not confirm are profiles that are gone (merged away, deleted)
        members.forEachMember(accountId, segment.id(), (profileId, checked) -> {
            if (checked == null || checked.isBefore(started)) {
                engine.exit(accountId, segment.id(), profileId, clock.instant(), false);
            }
        });
        ledger.progress(claim, owner, processed.get(), processed.get(), clock.instant().plus(properties.lease()));
        ledger.complete(claim, owner, found.get(), clock.instant());
        catalog.forget(accountId);
        log.info("Segment {} of account {}: {} of {} profiles are members", segment.id(), accountId, found.get(),
                processed.get());
    }

    private static Thread daemon(Runnable work, String name) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        return thread;
    }
}
