package dev.magpie.campaigns;

import java.util.function.Consumer;

/**
 * Who a campaign goes to: every member of its included lists and segments, once, except members of its excluded
 * audiences, profiles without an email address or without email-marketing consent, and suppressed addresses.
 * The recipient estimate is this same computation, counted.
 *
 * <p>Recipients come shard by shard (the 64 shards of {@link dev.magpie.profiles.ProfileScan#shardOf}, which lists and
 * segments share: a profile's memberships all live in its shard) and within a shard in the order of the member ids,
 * so every recipient has a {@link Position} and a stream can be resumed after one.
 */
public interface CampaignAudience {

    /**
     * Streams the id of each eligible recipient to {@code recipient}, in batches as they are checked.
     *
     * @throws UnknownCampaignException when the account has no such campaign
     */
    default void forEachRecipient(String accountId, String campaignId, Consumer<String> recipient) {
        forEachRecipient(accountId, campaignId, Position.START, found -> recipient.accept(found.profileId()));
    }

    /**
     * Streams each eligible recipient after {@code from} to {@code recipient}, with its position, holding one shard's
     * member ids at a time (to deduplicate and exclude) and one batch of profiles.
     *
     * @throws UnknownCampaignException when the account has no such campaign
     */
    void forEachRecipient(String accountId, String campaignId, Position from, Consumer<Recipient> recipient);

    /**
     * How many eligible recipients the campaign has now, stored as its latest estimate.
     *
     * @throws UnknownCampaignException when the account has no such campaign
     */
    long estimate(String accountId, String campaignId);

    /**
     * A place in the stream of recipients: everything up to and including member {@code after} of shard
     * {@code shard} is behind it.
     *
     * @param after the member id (as the audience lists it) last passed in the shard, or {@code null} for none yet
     */
    record Position(int shard, String after) {

        /** Before the first recipient. */
        public static final Position START = new Position(0, null);

        /** Whether the member {@code memberId} of {@code shard} lies behind this position. */
        public boolean passed(int shard, String memberId) {
            return shard < this.shard || shard == this.shard && after != null && memberId.compareTo(after) <= 0;
        }
    }

    /**
     * An eligible recipient.
     *
     * @param timezone the IANA time zone of the profile's location, or {@code null} when it has none
     * @param position where the stream stands once this recipient is passed
     */
    record Recipient(String profileId, String timezone, Position position) {
    }
}
