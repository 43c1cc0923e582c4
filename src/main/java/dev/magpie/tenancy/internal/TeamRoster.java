package dev.magpie.tenancy.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.magpie.tenancy.Role;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The current account's team as the team page shows it: its members and the invitations still pending. */
@Service
class TeamRoster {

    private final MembershipRepository memberships;

    private final UserRepository users;

    private final InvitationRepository invitations;

    private final Clock clock;

    TeamRoster(MembershipRepository memberships, UserRepository users, InvitationRepository invitations,
            Clock clock) {
        this.memberships = memberships;
        this.users = users;
        this.invitations = invitations;
        this.clock = clock;
    }

    /** The members, in the order they joined. */
    @Transactional(readOnly = true)
    List<TeamMember> members() {
        List<Membership> all = memberships.findAllByOrderByCreatedAt();
        Map<String, User> people = users.findAllById(all.stream().map(Membership::userId).toList()).stream()
                .collect(Collectors.toMap(User::id, Function.identity()));
        return all.stream().map(membership -> {
            User user = people.get(membership.userId());
            return new TeamMember(membership.id(), user.id(), user.name(), user.email(), membership.role(),
                    membership.createdAt(), user.lastSignInAt());
        }).toList();
    }

    /** Invitations nobody has accepted yet, newest first, including expired ones (to revoke or resend). */
    @Transactional(readOnly = true)
    List<PendingInvitation> pendingInvitations() {
        Instant now = clock.instant();
        return invitations.findAllByAcceptedAtIsNullOrderByCreatedAtDesc().stream()
                .map(invitation -> new PendingInvitation(invitation.id(), invitation.email(), invitation.role(),
                        invitation.createdAt(), invitation.expiresAt(), !invitation.isOpen(now)))
                .toList();
    }

    /** A member of the account, as the team page lists them. */
    record TeamMember(String membershipId, String userId, String name, String email, Role role, Instant joinedAt,
            Instant lastSignInAt) {
    }

    /** An invitation sent and not accepted yet. */
    record PendingInvitation(String id, String email, Role role, Instant invitedAt, Instant expiresAt,
            boolean expired) {
    }
}
