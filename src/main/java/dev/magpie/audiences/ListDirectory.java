package dev.magpie.audiences;

import java.util.Collection;
import java.util.List;

/**
 * The account's lists as other modules use them: to offer a choice of list, to show the lists a profile is on, to
 * put people on a list (imports) and to subscribe someone through a signup path (storefronts, forms).
 */
public interface ListDirectory {

    /** Every list of the account, by name. */
    List<ListSummary> all(String accountId);

    /** The lists the profile is on, confirmed or waiting for its double opt-in, by list name. */
    List<ProfileListMembership> listsOf(String accountId, String profileId);

    /**
     * Puts the profiles on the list as confirmed members without changing their consent, as an import or a
     * marketer adding them by hand does.
     *
     * @throws UnknownListException when the account has no such list
     */
    void add(String accountId, String listId, Collection<String> profileIds);

    /**
     * Subscribes someone to the list through a signup path: the profile is found or created, consent is recorded
     * for the channels asked for, and on a double opt-in list the email channel waits for the confirmation link.
     *
     * @throws UnknownListException when the account has no such list
     * @throws dev.magpie.profiles.InvalidProfileException when an identifier is malformed
     */
    SubscriptionOutcome subscribe(String accountId, String listId, Subscription subscription);

    /** A list: its id, name and whether joining it through a signup path needs a confirmation. */
    record ListSummary(String id, String name, boolean doubleOptIn) {
    }

    /** A list a profile is on, and whether it is a member yet (false while its double opt-in is unconfirmed). */
    record ProfileListMembership(String listId, String listName, boolean confirmed, java.time.Instant since) {
    }

    /** What became of a subscription: the profile, and whether it waits for its confirmation link. */
    record SubscriptionOutcome(String profileId, boolean pending) {
    }
}
