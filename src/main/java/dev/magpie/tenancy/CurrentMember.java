package dev.magpie.tenancy;

import java.util.List;

/**
 * The signed-in person, the account they are working in, their role there, and the other accounts they
 * can switch to. Available to every page as the model attribute {@code member}.
 */
public record CurrentMember(String userId, String email, String name, String accountId, String accountName,
        Role role, List<AccountChoice> accounts) {

    /** An account the person belongs to, for the account switcher. */
    public record AccountChoice(String id, String name) {
    }

    /** Whether the person may manage the team, keys and settings of this account. */
    public boolean canAdminister() {
        return role.canAdminister();
    }

    /** Whether the person may change anything in this account. */
    public boolean canWrite() {
        return role.canWrite();
    }
}
