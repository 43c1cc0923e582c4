package dev.magpie.deliverability;

/**
 * Makes unsubscribe links for the messages Magpie sends. Each names the account, the profile, the address and,
 * when given, the message; it is signed with the account's own secret, so it cannot be altered nor used against
 * another account, and it does not expire.
 */
public interface UnsubscribeLinks {

    /**
     * The link for one recipient of one message.
     *
     * @param messageId the campaign's or message's id, recorded as the source of the unsubscription; or
     *        {@code null}
     */
    UnsubscribeLink linkFor(String accountId, String profileId, String email, String messageId);
}
