package dev.magpie.audiences.internal.lists;

import dev.magpie.profiles.ProfilesMerged;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/** Moves the list memberships of merged-away profiles to the profile that survived the merge. */
@Component
class MergedProfilesMover {

    private final ListRoster roster;

    MergedProfilesMover(ListRoster roster) {
        this.roster = roster;
    }

    @Async
    @TransactionalEventListener(fallbackExecution = true)
    void on(ProfilesMerged merged) {
        roster.merge(merged.accountId(), merged.survivorId(), merged.mergedIds());
    }
}
