package dev.magpie.audiences.internal.segments;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import dev.magpie.activity.ProfileRollups;
import dev.magpie.activity.ProfileRollups.RolledUpEvent;
import dev.magpie.audiences.ListMemberships;
import dev.magpie.audiences.internal.segments.SegmentCatalog.Compiled;
import dev.magpie.profiles.Profile;
import dev.magpie.profiles.ProfileScan;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Evaluates one segment over one shard of an account's profiles, for a full evaluation. Everything that can be
 * read for the whole shard is read once, in sequence: the segment's current members and the members of the
 * lists and segments it names (all sharded like the profiles). Then a page of the shard's profile ids at a time,
 * cheapest first: the groups made of memberships alone, which need no read; the profiles' rows, read in parallel
 * and only when a condition reads the profile; the other groups that count no metric; and the rollups of the
 * profiles still in the running, in parallel. A profile ruled out for good at any step (out, and no time-relative
 * condition to change that) costs nothing more. Only the differences are written, in parallel — members who
 * joined, members who left, and when time-relative answers may flip. Current members the shard no longer lists
 * (merged away, deleted) leave at the end.
 *
 * <p>Plain writes, no lightweight transactions: a full evaluation announces nothing and sets the exact count
 * when it completes.
 */
@Component
class ShardEvaluator {

    /** Profiles read, and then their rollups, in parallel at a time: several shards run at once. */
    static final int PAGE = 100;

    private final ProfileScan profiles;

    private final ProfileRollups rollups;

    private final SegmentMemberStore members;

    private final ObjectProvider<ListMemberships> lists;

    private final Clock clock;

    ShardEvaluator(ProfileScan profiles, ProfileRollups rollups, SegmentMemberStore members,
            ObjectProvider<ListMemberships> lists, Clock clock) {
        this.profiles = profiles;
        this.rollups = rollups;
        this.members = members;
        this.lists = lists;
        this.clock = clock;
    }

    /**
     * Evaluates {@code segment} for every profile of the shard; {@code progress} hears of each page done and
     * answers {@code false} when the evaluation must stop.
     *
     * @return how many profiles of the shard are members
     * @throws Stopped when {@code progress} asked to stop
     */
    long evaluate(String accountId, Compiled segment, SegmentCatalog.Account account, int shard,
            Progress progress) {
        SegmentDefinition definition = segment.definition();
        ZoneId zone = account.zone();
        Map<String, Instant> current = members.shardMembers(accountId, segment.id(), shard);
        Map<String, Map<String, Instant>> groups = groupMembers(accountId, definition, account, shard);
        Set<String> unseen = new HashSet<>(current.keySet());
        SegmentDefinition memberships = definition.membershipsOnly();
        SegmentDefinition profileLevel = definition.withoutMetrics();
        Set<String> metricIds = definition.metricIds();
        long[] found = { 0 };
        profiles.forEachIdPage(accountId, shard, PAGE, ids -> {
            Instant now = clock.instant();
            List<CompletableFuture<?>> writes = new ArrayList<>();
            Stage stage = new Stage(accountId, segment.id(), groups, current, writes, now, zone);
            // Listed ids are live profiles: current members among them are accounted for here
            unseen.removeAll(ids);
            // Memberships first: they need no read at all
            List<Candidate> candidates = stage.keep(ids.stream().map(Candidate::new).toList(), memberships);
            if (definition.readsProfile()) {
                candidates = stage.withRows(candidates);
                if (!metricIds.isEmpty()) {
                    candidates = stage.keep(candidates, profileLevel);
                }
            }
            Map<String, Map<String, List<RolledUpEvent>>> events = metricIds.isEmpty() ? Map.of()
                    : rollups.events(accountId, candidates.stream().map(Candidate::id).toList(), metricIds);
            for (Candidate candidate : candidates) {
                ScanFacts facts = new ScanFacts(accountId, candidate.id(), candidate.profile(),
                        events.getOrDefault(candidate.id(), Map.of()), groups, rollups);
                Evaluation evaluation = SegmentEvaluator.evaluate(definition, facts, now, zone);
                if (evaluation.nextCheck() != null) {
                    writes.add(members.scheduleCheckAsync(accountId, segment.id(), candidate.id(),
                            evaluation.nextCheck()));
                }
                boolean member = current.containsKey(candidate.id());
                if (evaluation.member()) {
                    found[0]++;
                    if (!member) {
                        writes.addAll(members.place(accountId, segment.id(), candidate.id(),
                                now.truncatedTo(ChronoUnit.MILLIS)));
                    }
                }
                else if (member) {
                    writes.addAll(members.remove(accountId, segment.id(), candidate.id()));
                }
            }
            SegmentMemberStore.awaitAll(writes);
            if (!progress.done(ids.size())) {
                throw new Stopped();
            }
        });
        List<CompletableFuture<?>> removals = new ArrayList<>();
        unseen.forEach(gone -> removals.addAll(members.remove(accountId, segment.id(), gone)));
        SegmentMemberStore.awaitAll(removals);
        return found[0];
    }

    /** The members of this shard of every list and segment the definition names, by list or segment id. */
    private Map<String, Map<String, Instant>> groupMembers(String accountId, SegmentDefinition definition,
            SegmentCatalog.Account account, int shard) {
        Map<String, Map<String, Instant>> groups = new HashMap<>();
        ListMemberships listMemberships = lists.getIfAvailable();
        for (String groupId : definition.groupIds()) {
            Optional<Compiled> segment = account.find(groupId);
            if (segment.isPresent()) {
                groups.put(groupId, members.shardMembers(accountId, groupId, shard));
            }
            else if (listMemberships != null) {
                groups.put(groupId, listMemberships.confirmedMembers(accountId, groupId, shard));
            }
        }
        return groups;
    }

    /** A profile still in the running: its id, and its row once read. */
    private record Candidate(String id, Profile profile) {

        Candidate(String id) {
            this(id, null);
        }
    }

    /**
     * One page's pass through the cheap conditions: keeps the profiles a partial definition does not rule out, and
     * takes the ones it rules out for good (out now, and no time-relative condition to change that) out of the
     * segment if they were in it.
     */
    private final class Stage {

        private final String accountId;

        private final String segmentId;

        private final Map<String, Map<String, Instant>> groups;

        private final Map<String, Instant> current;

        private final List<CompletableFuture<?>> writes;

        private final Instant now;

        private final ZoneId zone;

        Stage(String accountId, String segmentId, Map<String, Map<String, Instant>> groups,
                Map<String, Instant> current, List<CompletableFuture<?>> writes, Instant now, ZoneId zone) {
            this.accountId = accountId;
            this.segmentId = segmentId;
            this.groups = groups;
            this.current = current;
            this.writes = writes;
            this.now = now;
            this.zone = zone;
        }

        List<Candidate> keep(List<Candidate> candidates, SegmentDefinition partial) {
            if (partial.groups().isEmpty()) {
                return candidates;
            }
            List<Candidate> kept = new ArrayList<>();
            for (Candidate candidate : candidates) {
                Evaluation evaluation = SegmentEvaluator.evaluate(partial,
                        new ScanFacts(accountId, candidate.id(), candidate.profile(), null, groups, rollups), now, zone);
                if (!evaluation.member() && evaluation.nextCheck() == null) {
                    leave(candidate.id());
                }
                else {
                    kept.add(candidate);
                }
            }
            return kept;
        }

        /**
         * The candidates with their rows, read in parallel; one whose row is gone (merged away or deleted since the
         * listing was read) drops out, and out of the segment.
         */
        List<Candidate> withRows(List<Candidate> candidates) {
            Map<String, Profile> rows = new HashMap<>();
            profiles.read(accountId, candidates.stream().map(Candidate::id).toList())
                .forEach(profile -> rows.put(profile.id(), profile));
            List<Candidate> read = new ArrayList<>();
            for (Candidate candidate : candidates) {
                Profile row = rows.get(candidate.id());
                if (row == null) {
                    leave(candidate.id());
                }
                else {
                    read.add(new Candidate(candidate.id(), row));
                }
            }
            return read;
        }

        private void leave(String profileId) {
            if (current.containsKey(profileId)) {
                writes.addAll(members.remove(accountId, segmentId, profileId));
            }
        }
    }

    /** Told of each page evaluated. */
    interface Progress {

        /** {@code count} more profiles evaluated; {@code false} when the evaluation must stop. */
        boolean done(int count);
    }

    /** The evaluation was asked to stop: its definition changed, or another instance took it. */
    static final class Stopped extends RuntimeException {

        Stopped() {
            super(null, null, false, false);
        }
    }
}
