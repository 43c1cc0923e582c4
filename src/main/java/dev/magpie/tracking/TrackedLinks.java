package dev.magpie.tracking;

/**
 * Makes a message's HTML trackable just before it is sent: an open pixel at the end of its body, and each web link
 * rewritten to a click redirect. Links a recipient must reach untouched are left alone: unsubscribe and
 * preferences links, {@code mailto:}, {@code tel:}, anchors, and links marked {@code data-magpie-no-track} (the
 * mark itself is removed). Every token is signed with the account's secret and names the account, the source
 * (campaign), the profile and the message, and for a click its target; none can be altered or used for another
 * account.
 */
public interface TrackedLinks {

    /** The attribute that keeps a link as it is. */
    String NO_TRACK = "data-magpie-no-track";

    /**
     * The HTML with its pixel and rewritten links; blank HTML is returned as it is.
     *
     * @param sourceId the campaign's id
     * @param messageId the message's Message-ID header
     */
    String apply(String accountId, String sourceId, String profileId, String messageId, String html);
}
