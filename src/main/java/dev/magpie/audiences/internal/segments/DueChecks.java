package dev.magpie.audiences.internal.segments;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.magpie.audiences.internal.segments.SegmentLedger.Sweep;
import dev.magpie.audiences.internal.segments.SegmentMemberStore.Check;
import dev.magpie.shared.Ids;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Time: a relative condition ("in the last 30 days") can change its answer with no event at all. Every evaluation
 * computes when the profile's answer may next change (an event leaving the window, a birthday coming round, a
 * membership reaching its N days) and writes a due check for then; this sweeper re-evaluates each (segment,
 * profile) when its check comes due, which writes the one after. One instance sweeps an account at a time (a
 * lease on its {@code segment_sweeps} row); hours already swept are deleted.
 */
@Component
class DueChecks implements InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DueChecks.class);

    /** Hours one sweep goes back at most, when an account was not swept for long (e.g. every instance was down). */
    private static final int MAX_HOURS_BACK = 24 * 400;

    private final SegmentLedger ledger;

    private final SegmentMemberStore store;

    private final SegmentEngine engine;

    private final SegmentCounts counts;

    private final SegmentsProperties properties;

    private final Clock clock;

    private final String owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + Ids.newId();

    private ScheduledExecutorService poller;

    DueChecks(SegmentLedger ledger, SegmentMemberStore store, SegmentEngine engine, SegmentCounts counts,
            SegmentsProperties properties, Clock clock) {
        this.counts = counts;
        this.ledger = ledger;
        this.store = store;
        this.engine = engine;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void afterPropertiesSet() {
        poller = Executors.newSingleThreadScheduledExecutor(work -> {
            Thread thread = new Thread(work, "segment-due-checks");
            thread.setDaemon(true);
            return thread;
        });
        if (!properties.background()) {
            return;
        }
        long every = properties.pollInterval().toMillis();
        poller.scheduleWithFixedDelay(this::sweepAll, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void destroy() {
        poller.shutdownNow();
    }

    /**
     * Sweeps every account whose checks may be due; what the poller does. One caller at a time per instance, so a
     * direct caller returns only once a sweep the poller had started is done.
     */
    synchronized void sweepAll() {
        try {
            Instant now = clock.instant();
            // An account swept within the last second waits for the next round
            Instant sweptBefore = now.minusSeconds(1);
            Optional<Sweep> sweep;
            while ((sweep = ledger.claimSweep(owner, now, sweptBefore, properties.lease())).isPresent()) {
                sweepAccount(sweep.get(), now);
            }
        }
        catch (RuntimeException failed) {
            log.warn("Sweeping due segment checks failed; the next sweep resumes", failed);
        }
    }

    private void sweepAccount(Sweep sweep, Instant now) {
        String accountId = sweep.accountId();
        Instant current = now.truncatedTo(ChronoUnit.HOURS);
        Instant hour = sweep.sweptUntil().truncatedTo(ChronoUnit.HOURS);
        if (hour.isBefore(current.minus(MAX_HOURS_BACK, ChronoUnit.HOURS))) {
            hour = current.minus(MAX_HOURS_BACK, ChronoUnit.HOURS);
        }
        // Checks up to sweptUntil were done by the last sweep; a minute's overlap catches checks written late
        Instant since = sweep.sweptUntil().minusSeconds(60);
        for (; !hour.isAfter(current); hour = hour.plus(1, ChronoUnit.HOURS)) {
            List<Check> checks = store.checks(accountId, hour).stream()
                .filter(check -> !check.due().isAfter(now) && check.due().isAfter(since))
                .sorted(Comparator.comparing(Check::due))
                .toList();
            for (Check check : checks) {
                try {
                    engine.reevaluate(accountId, check.profileId(), segment -> segment.id().equals(check.segmentId()));
                }
                catch (RuntimeException failed) {
                    log.warn("Due check of segment {} for profile {} failed", check.segmentId(), check.profileId(),
                            failed);
                }
            }
            // The current hour keeps its later checks; earlier hours are done
            if (hour.isBefore(current)) {
                store.deleteChecks(accountId, hour);
            }
        }
        // A sweep is a batch: the counts it moved are written when it ends, not a moment later
        counts.flush();
        ledger.finishSweep(sweep, owner, now);
    }
}
