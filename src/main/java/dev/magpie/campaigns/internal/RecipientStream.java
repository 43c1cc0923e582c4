package dev.magpie.campaigns.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
import dev.magpie.profiles.Profiles;
import org.springframework.stereotype.Component;

/**
 * Computes a campaign's eligible recipients by streaming its audiences' members: excluded audiences are read
 * first into a set of ids; then each included list or segment is streamed, every profile id seen once, and
 * candidates are checked in batches — the profile must still exist (a merged-away id counts as the profile it
 * was merged into), have an email address and email-marketing consent {@code SUBSCRIBED}, and its address must
 * not be suppressed (one batched lookup per batch). Memory holds the excluded ids, the ids seen and one batch.
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
    public void forEachRecipient(String accountId, String campaignId, Consumer<String> recipient) {
        Campaign campaign = catalog.find(accountId, campaignId)
            .orElseThrow(() -> new UnknownCampaignException(campaignId));
        stream(accountId, campaign.included(), campaign.excluded(), recipient);
    }

    /**
     * How many eligible recipients these audiences have now, counted exactly as a send would stream them, without
     * storing anything: what the wizard shows while audiences are being chosen.
     */
    long count(String accountId, List<String> included, List<String> excluded) {
        AtomicLong count = new AtomicLong();
        stream(accountId, included, excluded, profileId -> count.incrementAndGet());
        return count.get();
    }

    private void stream(String accountId, List<String> includedAudiences, List<String> excludedAudiences,
            Consumer<String> recipient) {
        Set<String> excluded = new HashSet<>();
        for (String audience : excludedAudiences) {
            members(accountId, audience, excluded::add);
        }
        Set<String> seen = new HashSet<>();
        List<String> batch = new ArrayList<>(BATCH);
        for (String audience : includedAudiences) {
            members(accountId, audience, profileId -> {
                if (!excluded.contains(profileId) && seen.add(profileId)) {
                    batch.add(profileId);
                    if (batch.size() == BATCH) {
                        deliverable(accountId, batch, excluded, seen, recipient);
                        batch.clear();
                    }
                }
            });
        }
        deliverable(accountId, batch, excluded, seen, recipient);
    }

    @Override
    public long estimate(String accountId, String campaignId) {
        AtomicLong count = new AtomicLong();
        forEachRecipient(accountId, campaignId, profileId -> count.incrementAndGet());
        catalog.recordEstimate(accountId, campaignId, count.get());
        return count.get();
    }

    /** Streams the members of a list or a segment; an audience deleted since it was chosen has none. */
    private void members(String accountId, String audienceId, Consumer<String> member) {
        if (lists.exists(accountId, audienceId)) {
            lists.forEachMember(accountId, audienceId, member);
        }
        else if (segments.exists(accountId, audienceId)) {
            segments.forEachMember(accountId, audienceId, member);
        }
    }

    /**
     * Passes on the batch's profiles that may be emailed. A merged-away id resolves to its surviving profile,
     * which is then deduplicated and checked against the exclusions like any other id.
     */
    private void deliverable(String accountId, List<String> batch, Set<String> excluded, Set<String> seen,
            Consumer<String> recipient) {
        if (batch.isEmpty()) {
            return;
        }
        List<Profile> consenting = new ArrayList<>(batch.size());
        for (String profileId : batch) {
            profiles.find(accountId, profileId).ifPresent(profile -> {
                boolean merged = !profile.id().equals(profileId);
                if (merged && (excluded.contains(profile.id()) || !seen.add(profile.id()))) {
                    return;
                }
                if (profile.email() != null && subscribed(profile)) {
                    consenting.add(profile);
                }
            });
        }
        if (consenting.isEmpty()) {
            return;
        }
        Set<String> suppressed = suppressions.suppressedAmong(accountId,
                consenting.stream().map(Profile::email).toList());
        for (Profile profile : consenting) {
            if (!suppressed.contains(profile.email().strip().toLowerCase(java.util.Locale.ROOT))) {
                recipient.accept(profile.id());
            }
        }
    }

    private static boolean subscribed(Profile profile) {
        Consent consent = profile.consent() == null ? null : profile.consent().get(Channel.EMAIL_MARKETING);
        return consent != null && consent.allows();
    }
}
