package dev.magpie.campaigns.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import dev.magpie.audiences.ListMemberships;
import dev.magpie.audiences.SegmentMemberships;
import dev.magpie.campaigns.Campaign;
import dev.magpie.campaigns.CampaignAudience;
import dev.magpie.campaigns.UnknownCampaignException;
import dev.magpie.deliverability.Suppressions;
import dev.magpie.profiles.Channel;
import dev.magpie.profiles.Consent;
import dev.magpie.profiles.Profile;
import dev.magpie.profiles.ProfileScan;
import dev.magpie.profiles.Profiles;
import org.springframework.stereotype.Component;

/**
 * Computes a campaign's eligible recipients shard by shard. Lists and segments shard their members as profiles are
 * sharded, so one shard of every audience holds all the memberships of that shard's profiles: for each shard the
 * excluded audiences' members are read into a set, the included audiences' members into a sorted set without them
 * (each profile once), and the candidates are checked in batches — the profile must still exist (a merged-away id
 * counts as the profile it was merged into), have an email address and email-marketing consent {@code SUBSCRIBED},
 * and its address must not be suppressed (the batch's profiles read in parallel, then one batched lookup of
 * suppressions). Memory holds one shard's member ids and one batch; the sorted order gives every recipient a position
 * after which the stream can resume.
 */
@Component
class RecipientStream implements CampaignAudience {

    static final int BATCH = 500;

    private final CampaignCatalog catalog;

    private final ListMemberships lists;

    private final SegmentMemberships segments;

    private final Profiles profiles;

    private final Suppressions suppressions;

    RecipientStream(CampaignCatalog catalog, ListMemberships lists, SegmentMemberships segments, Profiles profiles,
            Suppressions suppressions) {
        this.catalog = catalog;
        this.lists = lists;
        this.segments = segments;
        this.profiles = profiles;
        this.suppressions = suppressions;
    }

    @Override
    public void forEachRecipient(String accountId, String campaignId, Position from, Consumer<Recipient> recipient) {
        Campaign campaign = catalog.find(accountId, campaignId)
            .orElseThrow(() -> new UnknownCampaignException(campaignId));
        stream(accountId, campaign.included(), campaign.excluded(), from, recipient);
    }

    /**
     * How many eligible recipients these audiences have now, counted exactly as a send would stream them, without
     * storing anything: what the wizard shows while audiences are being chosen.
     */
    long count(String accountId, List<String> included, List<String> excluded) {
        AtomicLong count = new AtomicLong();
        stream(accountId, included, excluded, Position.START, found -> count.incrementAndGet());
        return count.get();
    }

    private void stream(String accountId, List<String> includedAudiences, List<String> excludedAudiences,
            Position from, Consumer<Recipient> recipient) {
        Audiences included = audiences(accountId, includedAudiences);
        Audiences excluded = audiences(accountId, excludedAudiences);
        // Surviving profiles of merged-away ids that live in another shard than the id: seen once per stream
        Set<String> foreignSurvivors = new HashSet<>();
        for (int shard = from.shard(); shard < ProfileScan.SHARDS; shard++) {
            Set<String> excludedIds = excluded.members(shard);
            TreeSet<String> members = new TreeSet<>(included.members(shard));
            members.removeAll(excludedIds);
            Shard current = new Shard(accountId, shard, members, excludedIds, included, excluded, foreignSurvivors);
            List<String> batch = new ArrayList<>(BATCH);
            for (String memberId : members) {
                if (from.passed(shard, memberId)) {
                    continue;
                }
                batch.add(memberId);
                if (batch.size() == BATCH) {
                    deliverable(current, batch, recipient);
                    batch.clear();
                }
            }
            deliverable(current, batch, recipient);
        }
    }

    @Override
    public long estimate(String accountId, String campaignId) {
        AtomicLong count = new AtomicLong();
        forEachRecipient(accountId, campaignId, Position.START, found -> count.incrementAndGet());
        catalog.recordEstimate(accountId, campaignId, count.get());
        return count.get();
    }

    /** The lists and the segments among {@code ids}; an audience deleted since it was chosen has no members. */
    private Audiences audiences(String accountId, List<String> ids) {
        List<String> listIds = new ArrayList<>();
        List<String> segmentIds = new ArrayList<>();
        for (String id : ids) {
            if (lists.exists(accountId, id)) {
                listIds.add(id);
            }
            else if (segments.exists(accountId, id)) {
                segmentIds.add(id);
            }
        }
        return new Audiences(accountId, listIds, segmentIds);
    }

    /**
     * Passes on the batch's profiles that may be emailed, in the batch's order, each with its position. A
     * merged-away id resolves to its surviving profile, which is passed on only if nothing else will pass it on:
     * a survivor of the same shard when it is no member there itself and was not seen yet; a survivor of another
     * shard (whose own memberships are read with that shard) when it is a member of no included audience, of no
     * excluded one, and was not seen yet in this stream.
     */
    private void deliverable(Shard shard, List<String> batch, Consumer<Recipient> recipient) {
        if (batch.isEmpty()) {
            return;
        }
        List<String> memberIds = new ArrayList<>(batch.size());
        List<Profile> consenting = new ArrayList<>(batch.size());
        profiles.findAll(shard.accountId(), batch).forEach((memberId, profile) -> {
            if (!profile.id().equals(memberId) && !shard.firstSightOfSurvivor(profile.id())) {
                return;
            }
            if (profile.email() != null && subscribed(profile)) {
                memberIds.add(memberId);
                consenting.add(profile);
            }
        });
        if (consenting.isEmpty()) {
            return;
        }
        Set<String> suppressed = suppressions.suppressedAmong(shard.accountId(),
                consenting.stream().map(Profile::email).toList());
        for (int i = 0; i < consenting.size(); i++) {
            Profile profile = consenting.get(i);
            if (!suppressed.contains(profile.email().strip().toLowerCase(Locale.ROOT))) {
                String timezone = profile.location() == null ? null : profile.location().timezone();
                recipient.accept(new Recipient(profile.id(), timezone, new Position(shard.index(), memberIds.get(i))));
            }
        }
    }

    private static boolean subscribed(Profile profile) {
        Consent consent = profile.consent() == null ? null : profile.consent().get(Channel.EMAIL_MARKETING);
        return consent != null && consent.allows();
    }

    /** Some of a campaign's audiences, by kind. */
    private final class Audiences {

        private final String accountId;

        private final List<String> listIds;

        private final List<String> segmentIds;

        Audiences(String accountId, List<String> listIds, List<String> segmentIds) {
            this.accountId = accountId;
            this.listIds = listIds;
            this.segmentIds = segmentIds;
        }

        /** The member ids of one shard of every audience. */
        Set<String> members(int shard) {
            Set<String> members = new HashSet<>();
            for (String listId : listIds) {
                members.addAll(lists.confirmedMembers(accountId, listId, shard).keySet());
            }
            for (String segmentId : segmentIds) {
                members.addAll(segments.members(accountId, segmentId, shard).keySet());
            }
            return members;
        }

        /** Whether the profile is a member of one of the audiences. */
        boolean contain(String profileId) {
            return listIds.stream().anyMatch(id -> lists.memberSince(accountId, id, profileId).isPresent())
                    || segmentIds.stream().anyMatch(id -> segments.memberSince(accountId, id, profileId).isPresent());
        }
    }

    /** The shard being streamed: its included member ids (less the excluded) and excluded ones. */
    private record Shard(String accountId, int index, Set<String> members, Set<String> excludedIds,
            Audiences included, Audiences excluded, Set<String> foreignSurvivors) {

        /** Whether a merged-away id's surviving profile is to be passed on here (see {@code deliverable}). */
        boolean firstSightOfSurvivor(String survivorId) {
            if (ProfileScan.shardOf(survivorId) == index) {
                return !members.contains(survivorId) && !excludedIds.contains(survivorId)
                        && foreignSurvivors.add(survivorId);
            }
            return !included.contain(survivorId) && !excluded.contain(survivorId) && foreignSurvivors.add(survivorId);
        }
    }
}
