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
import java.util.function.BooleanSupplier;

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
 * lists and segments it names (all sharded like the profiles). Then page by page: the profiles' rows in parallel;
 * the profile-level conditions, which exclude most profiles of a selective segment without reading their
 * activity; the rollups of the rest in parallel; and only the differences written, in parallel — members who
 * joined, members who left, and when time-relative answers may flip. Current members the shard no longer holds
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
        SegmentDefinition profileLevel = definition.withoutMetrics();
        Set<String> metricIds = definition.metricIds();
        long[] found = { 0 };
        profiles.forEachPage(accountId, shard, PAGE, page -> {
            Instant now = clock.instant();
            List<CompletableFuture<?>> writes = new ArrayList<>();
            List<Profile> candidates = new ArrayList<>();
            for (Profile profile : page) {
                unseen.remove(profile.id());
                if (!metricIds.isEmpty() && excluded(accountId, profileLevel, profile, groups, now, zone)) {
                    if (current.containsKey(profile.id())) {
                        writes.addAll(members.remove(accountId, segment.id(), profile.id()));
                    }
                }
                else {
                    candidates.add(profile);
                }
            }
            Map<String, Map<String, List<RolledUpEvent>>> events = metricIds.isEmpty() ? Map.of()
                    : rollups.events(accountId, candidates.stream().map(Profile::id).toList(), metricIds);
            for (Profile profile : candidates) {
                ScanFacts facts = new ScanFacts(accountId, profile, events.getOrDefault(profile.id(), Map.of()),
                        groups, rollups);
                Evaluation evaluation = SegmentEvaluator.evaluate(definition, facts, now, zone);
                if (evaluation.nextCheck() != null) {
                    writes.add(members.scheduleCheckAsync(accountId, segment.id(), profile.id(),
                            evaluation.nextCheck()));
                }
                boolean member = current.containsKey(profile.id());
                if (evaluation.member()) {
                    found[0]++;
                    if (!member) {
                        writes.addAll(members.place(accountId, segment.id(), profile.id(),
                                now.truncatedTo(ChronoUnit.MILLIS)));
                    }
                }
                else if (member) {
                    writes.addAll(members.remove(accountId, segment.id(), profile.id()));
                }
            }
            SegmentMemberStore.awaitAll(writes);
            if (!progress.done(page.size())) {
                throw new Stopped();
            }
        });
        List<CompletableFuture<?>> removals = new ArrayList<>();
        unseen.forEach(gone -> removals.addAll(members.remove(accountId, segment.id(), gone)));
        SegmentMemberStore.awaitAll(removals);
        return found[0];
    }

    /**
     * Whether the conditions that need no activity already keep the profile out, and will until something other
     * than time changes: then its rollups need not be read.
     */
    private boolean excluded(String accountId, SegmentDefinition profileLevel, Profile profile,
            Map<String, Map<String, Instant>> groups, Instant now, ZoneId zone) {
        if (profileLevel.groups().isEmpty()) {
            return false;
        }
        Evaluation evaluation = SegmentEvaluator.evaluate(profileLevel,
                new ScanFacts(accountId, profile, null, groups, rollups), now, zone);
        return !evaluation.member() && evaluation.nextCheck() == null;
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
