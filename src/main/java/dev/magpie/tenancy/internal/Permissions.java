package dev.magpie.tenancy.internal;

import dev.magpie.tenancy.CurrentMember;
import org.springframework.security.access.AccessDeniedException;

/** Refuses a page to members whose role does not allow it; the web layer turns that into a 403 page. */
final class Permissions {

    private Permissions() {
    }

    static void requireAdministrator(CurrentMember member) {
        if (member == null || !member.canAdminister()) {
            throw new AccessDeniedException("Only owners and admins may do this");
        }
    }
}
