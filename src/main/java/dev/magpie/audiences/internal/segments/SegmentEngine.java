package dev.magpie.audiences.internal.segments;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import dev.magpie.activity.ProfileRollups;
import dev.magpie.audiences.ListMemberships;
import dev.magpie.audiences.SegmentEntered;
import dev.magpie.audiences.SegmentExited;
import dev.magpie.audiences.internal.segments.SegmentCatalog.Compiled;
import dev.magpie.profiles.Profile;
import dev.magpie.profiles.Profiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Re-evaluates one profile for some of its account's segments and applies the answers: enters or leaves each
 * segment (a lightweight transaction decides which instance announces a change), moves the member count,
 * publishes {@link SegmentEntered} / {@link SegmentExited}, records them on the profile's timeline, schedules the
 * next time-driven check, and follows the change to segments that are defined on the changed segment.
 */
@Component
class SegmentEngine {

    static final String ENTERED_METRIC = SegmentTimeline.ENTERED_METRIC;

    static final String EXITED_METRIC = SegmentTimeline.EXITED_METRIC;

    /** Segment-on-segment chains longer than this are refused when defined; this only guards the loop. */
    private static final int MAX_CASCADE = 1000;

    private static final Logger log = LoggerFactory.getLogger(SegmentEngine.class);

    private final SegmentCatalog catalog;

    private final SegmentMemberStore members;

    private final SegmentLedger ledger;

    private final SegmentCounts counts;

    private final Profiles profiles;

    private final ProfileRollups rollups;

    private final ObjectProvider<ListMemberships> lists;

    private final ApplicationEventPublisher publisher;

    private final SegmentTimeline timeline;

    private final SegmentsProperties properties;

    private final Clock clock;

    /** Accounts known to have a sweep row, so that scheduling a check does not ask MySQL each time. */
    private final Set<String> swept = java.util.concurrent.ConcurrentHashMap.newKeySet();

    SegmentEngine(SegmentCatalog catalog, SegmentMemberStore members, SegmentLedger ledger, SegmentCounts counts,
            Profiles profiles, ProfileRollups rollups, ObjectProvider<ListMemberships> lists,
            ApplicationEventPublisher publisher, SegmentTimeline timeline, SegmentsProperties properties, Clock clock) {
        this.catalog = catalog;
        this.members = members;
        this.ledger = ledger;
        this.counts = counts;
        this.profiles = profiles;
        this.rollups = rollups;
        this.lists = lists;
        this.publisher = publisher;
        this.timeline = timeline;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Re-evaluates the profile for the segments {@code which} selects (and, when one of them changes, for the
     * segments defined on it), applying and announcing the changes. Returns the changes made.
     */
    List<Change> reevaluate(String accountId, String profileId, Predicate<Compiled> which) {
        SegmentCatalog.Account account = catalog.account(accountId);
        List<Compiled> selected = account.segments().stream().filter(which).toList();
        if (selected.isEmpty()) {
            return List.of();
        }
        Optional<Profile> found = profiles.find(accountId, profileId);
        List<Change> changes = new ArrayList<>();
        if (found.isEmpty() || !found.get().id().equals(profileId)) {
            // Deleted, or merged away: it leaves every segment; the survivor is evaluated on its own account
            for (String segmentId : members.segmentsOf(accountId, profileId).keySet()) {
                exit(accountId, segmentId, profileId, clock.instant(), true).ifPresent(changes::add);
            }
            found.ifPresent(survivor -> changes.addAll(reevaluate(accountId, survivor.id(), which)));
            return changes;
        }
        Profile profile = found.get();
        Instant now = clock.instant();
        LiveFacts facts = facts(accountId, profile, account, selected);
        Deque<Compiled> work = new ArrayDeque<>(order(selected, account));
        Set<String> done = new LinkedHashSet<>();
        int steps = 0;
        while (!work.isEmpty() && steps++ < MAX_CASCADE) {
            Compiled segment = work.poll();
            Optional<Change> change = apply(accountId, segment, facts, now, account, true);
            done.add(segment.id());
            if (change.isPresent()) {
                changes.add(change.get());
                for (Compiled dependent : account.dependents(segment.id())) {
                    if (!work.contains(dependent)) {
                        work.add(dependent);
                    }
                }
            }
        }
        return changes;
    }

    /**
     * Evaluates one segment for a profile whose facts are at hand and applies the answer; the full evaluation
     * calls this with {@code announce} false (a new segment's first members are not news).
     */
    Optional<Change> apply(String accountId, Compiled segment, LiveFacts facts, Instant now,
            SegmentCatalog.Account account, boolean announce) {
        Evaluation evaluation = SegmentEvaluator.evaluate(segment.definition(), facts, now, account.zone());
        String profileId = facts.profile().id();
        // Written while membership changes, not before: it is not what the change waits for
        CompletableFuture<?> check = CompletableFuture.completedFuture(null);
        if (evaluation.nextCheck() != null) {
            if (swept.add(accountId)) {
                ledger.ensureSweep(accountId, now);
            }
            check = members.scheduleCheckAsync(accountId, segment.id(), profileId, evaluation.nextCheck());
        }
        try {
            return applyAnswer(accountId, segment, facts, evaluation, now, announce);
        }
        finally {
            check.join();
        }
    }

    private Optional<Change> applyAnswer(String accountId, Compiled segment, LiveFacts facts, Evaluation evaluation,
            Instant now, boolean announce) {
        String profileId = facts.profile().id();
        Instant since = facts.segments().get(segment.id());
        if (evaluation.member() && since == null) {
            Instant entered = now.truncatedTo(ChronoUnit.MILLIS);
            facts.segments().put(segment.id(), entered);
            if (members.enter(accountId, segment.id(), profileId, entered)) {
                counts.add(segment.id(), 1);
                if (announce) {
                    announce(accountId, segment, profileId, true, now);
                }
                return Optional.of(new Change(segment.id(), profileId, true));
            }
        }
        else if (!evaluation.member() && since != null) {
            facts.segments().remove(segment.id());
            Optional<Change> exit = exit(accountId, segment.id(), profileId, now, announce);
            if (exit.isPresent()) {
                return exit;
            }
        }
        return Optional.empty();
    }

    /** Asks the scheduler to re-evaluate the profile for every segment of its account at {@code due}. */
    void checkLater(String accountId, String profileId, Instant due) {
        for (Compiled segment : catalog.account(accountId).segments()) {
            if (swept.add(accountId)) {
                ledger.ensureSweep(accountId, clock.instant());
            }
            members.scheduleCheck(accountId, segment.id(), profileId, due);
        }
    }

    /** Takes the profile out of the segment, announcing it when this instance did it. */
    Optional<Change> exit(String accountId, String segmentId, String profileId, Instant now, boolean announce) {
        if (!members.exit(accountId, segmentId, profileId)) {
            return Optional.empty();
        }
        counts.add(segmentId, -1);
        if (announce) {
            Compiled segment = catalog.account(accountId).find(segmentId)
                .orElse(new Compiled(segmentId, null, null));
            announce(accountId, segment, profileId, false, now);
        }
        return Optional.of(new Change(segmentId, profileId, false));
    }

    /** The facts of a profile for evaluating {@code segments}. */
    LiveFacts facts(String accountId, Profile profile, SegmentCatalog.Account account, List<Compiled> segments) {
        Set<String> metricIds = segments.stream().flatMap(s -> s.definition().metricIds().stream())
            .collect(Collectors.toCollection(LinkedHashSet::new));
        Set<String> segmentIds = account.segments().stream().map(Compiled::id).collect(Collectors.toSet());
        Map<String, Instant> current = new HashMap<>(members.segmentsOf(accountId, profile.id()));
        return new LiveFacts(accountId, profile, rollups, metricIds, lists.getIfAvailable(), current, segmentIds);
    }

    /** Segments before the segments defined on them, so that one pass sees their new answers. */
    static List<Compiled> order(List<Compiled> segments, SegmentCatalog.Account account) {
        List<Compiled> ordered = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        Set<String> ids = segments.stream().map(Compiled::id).collect(Collectors.toSet());
        List<Compiled> pending = new ArrayList<>(segments);
        while (!pending.isEmpty()) {
            boolean progress = false;
            for (var iterator = pending.iterator(); iterator.hasNext();) {
                Compiled segment = iterator.next();
                boolean ready = segment.definition().groupIds().stream()
                    .noneMatch(id -> ids.contains(id) && !placed.contains(id));
                if (ready) {
                    ordered.add(segment);
                    placed.add(segment.id());
                    iterator.remove();
                    progress = true;
                }
            }
            if (!progress) {
                // A cycle the checks would have refused; evaluate in id order rather than not at all
                ordered.addAll(pending);
                break;
            }
        }
        return ordered;
    }

    private void announce(String accountId, Compiled segment, String profileId, boolean entered, Instant now) {
        publisher.publishEvent(entered ? new SegmentEntered(accountId, segment.id(), profileId, now)
                : new SegmentExited(accountId, segment.id(), profileId, now));
        if (properties.timelineEvents()) {
            timeline.record(accountId, segment, profileId, entered, now);
        }
    }

    /** A profile entered ({@code entered}) or left a segment. */
    record Change(String segmentId, String profileId, boolean entered) {
    }
}
