package dev.magpie.audiences.internal.segments;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.magpie.activity.ProfileRollups;
import dev.magpie.audiences.ListMemberships;
import dev.magpie.audiences.internal.segments.SegmentCatalog.Compiled;
import dev.magpie.profiles.Profile;
import dev.magpie.profiles.ProfileScan;
import dev.magpie.shared.RecentCache;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * How many profiles a draft definition would hold, while the marketer is still editing it: the draft is evaluated
 * over a bounded random sample of the account's profiles (a run from each of a few random shards, see
 * {@link ProfileScan#sample}) with the same evaluator and stored facts as the engine, and nothing is written. The
 * answer is exact when the sample is every profile (a small account); otherwise it scales the sample's share to
 * the account's profile count, which is remembered for a while because counting every shard of a large account
 * is not cheap.
 */
@Component
class SegmentEstimator implements DisposableBean {

    /** Most profiles one estimate evaluates. */
    static final int SAMPLE = 1_000;

    /** Shards read at once, each up to {@code SAMPLE / SHARDS_AT_ONCE} profiles. */
    private static final int SHARDS_AT_ONCE = 8;

    private final SegmentCatalog catalog;

    private final SegmentMemberStore members;

    private final ProfileScan profiles;

    private final ProfileRollups rollups;

    private final ObjectProvider<ListMemberships> lists;

    private final Clock clock;

    private final RecentCache<String, Long> counts = new RecentCache<>(Duration.ofMinutes(5), 10_000);

    private final ExecutorService workers = Executors.newFixedThreadPool(SHARDS_AT_ONCE, work -> {
        Thread thread = new Thread(work, "segment-estimate");
        thread.setDaemon(true);
        return thread;
    });

    SegmentEstimator(SegmentCatalog catalog, SegmentMemberStore members, ProfileScan profiles,
            ProfileRollups rollups, ObjectProvider<ListMemberships> lists, Clock clock) {
        this.catalog = catalog;
        this.members = members;
        this.profiles = profiles;
        this.rollups = rollups;
        this.lists = lists;
        this.clock = clock;
    }

    @Override
    public void destroy() {
        workers.shutdownNow();
    }

    /** Estimates the size of a segment with this (already checked) definition in the account. */
    Estimate estimate(String accountId, SegmentDefinition definition) {
        return estimate(accountId, definition, SAMPLE);
    }

    /** As {@link #estimate(String, SegmentDefinition)}, from a sample of about {@code sample} profiles. */
    Estimate estimate(String accountId, SegmentDefinition definition, int sample) {
        SegmentCatalog.Account account = catalog.account(accountId);
        Instant now = clock.instant();
        List<Integer> shards = new ArrayList<>(IntStream.range(0, profiles.shards()).boxed().toList());
        Collections.shuffle(shards);
        int perShard = Math.max(1, sample / SHARDS_AT_ONCE);
        long sampled = 0;
        long matched = 0;
        boolean whole = true;
        int next = 0;
        while (next < shards.size() && sampled < sample) {
            List<CompletableFuture<long[]>> wave = new ArrayList<>();
            for (int i = 0; i < SHARDS_AT_ONCE && next < shards.size(); i++) {
                int shard = shards.get(next++);
                wave.add(CompletableFuture.supplyAsync(
                        () -> count(accountId, shard, perShard, definition, account, now), workers));
            }
            for (CompletableFuture<long[]> shard : wave) {
                long[] counted = shard.join();
                sampled += counted[0];
                matched += counted[1];
                whole &= counted[0] < perShard;
            }
        }
        if (whole && next == shards.size()) {
            counts.put(accountId, sampled);
            return new Estimate(matched, sampled, sampled, true);
        }
        long total = total(accountId);
        long estimate = sampled == 0 ? 0 : Math.round((double) matched * total / sampled);
        return new Estimate(estimate, total, sampled, false);
    }

    /** Profiles sampled from the shard, and how many of them the definition holds. */
    private long[] count(String accountId, int shard, int limit, SegmentDefinition definition,
            SegmentCatalog.Account account, Instant now) {
        List<Profile> sample = profiles.sample(accountId, shard, limit);
        Set<String> segmentIds = account.segments().stream().map(Compiled::id).collect(Collectors.toSet());
        boolean namesSegments = definition.groupIds().stream().anyMatch(segmentIds::contains);
        long matched = 0;
        for (Profile profile : sample) {
            // Segment memberships are read only when the draft asks about a segment: one read fewer per profile
            Map<String, Instant> segments = namesSegments ? new HashMap<>(members.segmentsOf(accountId, profile.id()))
                    : new HashMap<>();
            LiveFacts facts = new LiveFacts(accountId, profile, rollups, definition.metricIds(), lists.getIfAvailable(),
                    segments, segmentIds);
            if (SegmentEvaluator.evaluate(definition, facts, now, account.zone()).member()) {
                matched++;
            }
        }
        return new long[] { sample.size(), matched };
    }

    private long total(String accountId) {
        Long total = counts.get(accountId);
        if (total == null) {
            total = profiles.count(accountId);
            counts.put(accountId, total);
        }
        return total;
    }

    /**
     * About {@code members} of {@code profiles} profiles, judged from {@code sampled} of them; {@code exact} when
     * the sample was every profile.
     */
    record Estimate(long members, long profiles, long sampled, boolean exact) {
    }
}
