package dev.magpie.tenancy;

/** What a member may do in an account; each role can do everything the roles below it can. */
public enum Role {

    /** Created the account; manages billing, the team and can delete the account. */
    OWNER,
    /** Manages the team, API keys and settings. */
    ADMIN,
    /** Builds and sends marketing: lists, segments, templates, campaigns, flows. */
    MANAGER,
    /** Reads everything, changes nothing. */
    ANALYST;

    /** Whether this role includes everything {@code other} may do. */
    public boolean includes(Role other) {
        return ordinal() <= other.ordinal();
    }

    /** Whether this role may manage the team, keys and account settings. */
    public boolean canAdminister() {
        return includes(ADMIN);
    }

    /** Whether this role may change anything at all. */
    public boolean canWrite() {
        return includes(MANAGER);
    }
}
