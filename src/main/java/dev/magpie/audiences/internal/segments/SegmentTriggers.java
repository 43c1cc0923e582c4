package dev.magpie.audiences.internal.segments;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import dev.magpie.activity.EventRecorded;
import dev.magpie.audiences.ListDeleted;
import dev.magpie.audiences.ListMembershipChanged;
import dev.magpie.audiences.internal.segments.SegmentCatalog.Compiled;
import dev.magpie.profiles.ProfileChanged;
import dev.magpie.profiles.ProfilesMerged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Incremental evaluation: what can change a profile's answer, and which segments it concerns. An event concerns
 * the segments that count its metric; a profile change, the segments that read the profile; a list change, the
 * segments that name the list. Only that profile is re-evaluated, for only those segments.
 *
 * <p>Work is handed to a few threads so that the writer of the event or change does not wait; requests for the
 * same profile that arrive while it waits are merged into one evaluation. The queue is in memory: a crash loses
 * what waited in it (at most a few seconds of changes), which the next change of the profile, its next due check
 * or the segment's next full evaluation repairs.
 */
@Component
class SegmentTriggers implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SegmentTriggers.class);

    private final SegmentEngine engine;

    private final SegmentCatalog catalog;

    private final SegmentLedger ledger;

    private final SegmentCounts counts;

    private final SegmentTimeline timeline;

    /** Events are moved when the merge is committed; a few seconds later they are in place. */
    private static final Duration AFTER_FIRST_MOVE = Duration.ofSeconds(5);

    private final SegmentsProperties properties;

    private final Clock clock;

    private final ExecutorService workers;

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    private final AtomicInteger inFlight = new AtomicInteger();

    SegmentTriggers(SegmentEngine engine, SegmentCatalog catalog, SegmentLedger ledger, SegmentCounts counts,
            SegmentTimeline timeline, SegmentsProperties properties, Clock clock) {
        this.counts = counts;
        this.timeline = timeline;
        this.engine = engine;
        this.properties = properties;
        this.clock = clock;
        this.catalog = catalog;
        this.ledger = ledger;
        this.workers = new ThreadPoolExecutor(properties.workers(), properties.workers(), 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), work -> {
                    Thread thread = new Thread(work, "segment-incremental");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    @EventListener
    void on(EventRecorded event) {
        if (catalog.account(event.accountId()).segments().stream()
            .anyMatch(segment -> segment.definition().metricIds().contains(event.metricId()))) {
            submit(event.accountId(), event.profileId(), Trigger.metric(event.metricId()));
        }
    }

    @EventListener
    void on(ProfileChanged changed) {
        if (catalog.account(changed.accountId()).segments().stream()
            .anyMatch(segment -> segment.definition().readsProfile())) {
            submit(changed.accountId(), changed.profileId(), Trigger.PROFILE);
        }
    }

    @EventListener
    void on(ListMembershipChanged changed) {
        if (catalog.account(changed.accountId()).segments().stream()
            .anyMatch(segment -> segment.definition().groupIds().contains(changed.listId()))) {
            submit(changed.accountId(), changed.profileId(), Trigger.group(changed.listId()));
        }
    }

    /** A deleted list has no members: the segments that name it are evaluated again in full. */
    @EventListener
    void on(ListDeleted deleted) {
        for (Compiled segment : catalog.account(deleted.accountId()).segments()) {
            if (segment.definition().groupIds().contains(deleted.listId())) {
                ledger.requeue(segment.id());
            }
        }
    }

    /**
     * Merged-away profiles leave their segments. The survivor is evaluated again once the activity module has moved
     * the merged profiles' events to it — which it does after the merge is committed, and once more after its
     * profile cache expires — so the survivor gets due checks a little after each move rather than an immediate
     * evaluation that could miss the events.
     */
    @EventListener
    void on(ProfilesMerged merged) {
        for (String mergedId : merged.mergedIds()) {
            if (!mergedId.equals(merged.survivorId())) {
                submit(merged.accountId(), mergedId, Trigger.ALL);
            }
        }
        Instant now = clock.instant();
        engine.checkLater(merged.accountId(), merged.survivorId(), now.plus(AFTER_FIRST_MOVE));
        engine.checkLater(merged.accountId(), merged.survivorId(), now.plus(properties.mergeRecheck()));
    }

    /** Re-evaluates the profile for the segments {@code trigger} concerns, soon, on a worker thread. */
    void submit(String accountId, String profileId, Trigger trigger) {
        String key = accountId + '|' + profileId;
        boolean[] created = { false };
        pending.compute(key, (k, waiting) -> {
            if (waiting == null) {
                created[0] = true;
                return new Pending(accountId, profileId, ConcurrentHashMap.newKeySet(), trigger);
            }
            waiting.triggers().add(trigger);
            return waiting;
        });
        if (created[0]) {
            inFlight.incrementAndGet();
            workers.execute(() -> run(key));
        }
    }

    private void run(String key) {
        Pending work = pending.remove(key);
        try {
            if (work != null) {
                Set<Trigger> triggers = work.all();
                Predicate<Compiled> concerned = segment -> triggers.stream().anyMatch(t -> t.concerns(segment));
                engine.reevaluate(work.accountId(), work.profileId(), concerned);
            }
        }
        catch (RuntimeException failed) {
            log.warn("Could not re-evaluate profile {} for segments", work.profileId(), failed);
        }
        finally {
            inFlight.decrementAndGet();
        }
    }

    /**
     * Waits until no re-evaluation waits or runs, their timeline events are recorded and their counts written: for
     * tests and benchmarks.
     */
    boolean awaitIdle(long timeoutMillis) throws InterruptedException {
        long until = System.currentTimeMillis() + timeoutMillis;
        while (inFlight.get() > 0 || !timeline.idle()) {
            if (System.currentTimeMillis() > until) {
                return false;
            }
            Thread.sleep(5);
        }
        counts.flush();
        return true;
    }

    @Override
    public void destroy() {
        workers.shutdownNow();
    }

    /** What changed: a metric's events, the profile itself, a list's (or segment's) members, or anything. */
    record Trigger(String metricId, String groupId, boolean profile, boolean all) {

        static final Trigger PROFILE = new Trigger(null, null, true, false);

        static final Trigger ALL = new Trigger(null, null, false, true);

        static Trigger metric(String metricId) {
            return new Trigger(metricId, null, false, false);
        }

        static Trigger group(String groupId) {
            return new Trigger(null, groupId, false, false);
        }

        boolean concerns(Compiled segment) {
            SegmentDefinition definition = segment.definition();
            return all || profile && definition.readsProfile()
                    || metricId != null && definition.metricIds().contains(metricId)
                    || groupId != null && definition.groupIds().contains(groupId);
        }
    }

    /** A profile waiting to be re-evaluated, and every reason given meanwhile. */
    private record Pending(String accountId, String profileId, Set<Trigger> triggers, Trigger first) {

        Set<Trigger> all() {
            Set<Trigger> all = new java.util.HashSet<>(triggers);
            all.add(first);
            return all;
        }
    }
}
