package dev.magpie.tenancy.internal;

import java.util.Arrays;
import java.util.List;

import dev.magpie.tenancy.Role;

/**
 * Who may hand out which role and change whom. Owners may do anything; admins run the team but can neither
 * make an owner nor touch one, so an admin can never take an account away from the people who own it.
 */
final class TeamRules {

    private TeamRules() {
    }

    /** The roles a member with role {@code actor} may give to others, highest first. */
    static List<Role> grantableBy(Role actor) {
        return Arrays.stream(Role.values()).filter(role -> mayGrant(actor, role)).toList();
    }

    static boolean mayGrant(Role actor, Role role) {
        return actor == Role.OWNER || (actor.canAdminister() && role != Role.OWNER);
    }

    /** Whether {@code actor} may change the role of, or remove, a member whose role is {@code target}. */
    static boolean mayManage(Role actor, Role target) {
        return actor == Role.OWNER || (actor.canAdminister() && target != Role.OWNER);
    }
}
