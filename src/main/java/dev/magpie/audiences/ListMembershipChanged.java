package dev.magpie.audiences;

import java.time.Instant;

/**
 * A profile became a confirmed member of a list ({@code member} true) or stopped being one; segments that ask
 * about the list re-evaluate that profile.
 */
public record ListMembershipChanged(String accountId, String listId, String profileId, boolean member,
        Instant at) {
}
