package dev.magpie.tenancy.internal;

import java.util.List;
import java.util.Optional;

import dev.magpie.tenancy.CurrentMember;
import dev.magpie.tenancy.Role;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Changes a member's role or removes them from the current account, keeping at least one owner. */
@Service
class MembershipEditor {

    private final MembershipRepository memberships;

    MembershipEditor(MembershipRepository memberships) {
        this.memberships = memberships;
    }

    /**
     * Gives the member a new role.
     *
     * @return the user id of the person whose role changed; empty when the current account has no such member
     * @throws TenancyException when the acting member may not do this
     */
    @Transactional
    Optional<String> changeRole(CurrentMember actor, String membershipId, Role role) {
        List<Membership> owners = memberships.lockAllByRole(Role.OWNER);
        return memberships.findById(membershipId).map(target -> {
            if (!TeamRules.mayManage(actor.role(), target.role()) || !TeamRules.mayGrant(actor.role(), role)) {
                throw new TenancyException(null, "team.error.owner-only");
            }
            if (target.role() == Role.OWNER && role != Role.OWNER && owners.size() <= 1) {
                throw new TenancyException(null, "team.error.last-owner");
            }
            target.changeRole(role);
            return target.userId();
        });
    }

    /**
     * Takes the member out of the account.
     *
     * @return the user id of the person removed; empty when the current account has no such member
     * @throws TenancyException when the acting member may not do this
     */
    @Transactional
    Optional<String> remove(CurrentMember actor, String membershipId) {
        List<Membership> owners = memberships.lockAllByRole(Role.OWNER);
        return memberships.findById(membershipId).map(target -> {
            if (!TeamRules.mayManage(actor.role(), target.role())) {
                throw new TenancyException(null, "team.error.owner-only");
            }
            if (target.role() == Role.OWNER && owners.size() <= 1) {
                throw new TenancyException(null, "team.error.last-owner");
            }
            memberships.delete(target);
            return target.userId();
        });
    }
}
