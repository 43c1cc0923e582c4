package dev.magpie.tenancy.internal;

import java.time.Clock;
import java.time.Instant;

import dev.magpie.tenancy.CurrentMember;
import dev.magpie.tenancy.Role;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Invites people to the current account by email, and takes back invitations nobody has accepted. */
@Service
class TeamInviter {

    private static final int TOKEN_BYTES = 32;

    private final InvitationRepository invitations;

    private final MembershipRepository memberships;

    private final UserRepository users;

    private final TenancyMailer mailer;

    private final TenancyProperties properties;

    private final Clock clock;

    TeamInviter(InvitationRepository invitations, MembershipRepository memberships, UserRepository users,
            TenancyMailer mailer, TenancyProperties properties, Clock clock) {
        this.invitations = invitations;
        this.memberships = memberships;
        this.users = users;
        this.mailer = mailer;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Emails an invitation to join with {@code role}, replacing any earlier one to the same address. The
     * invitation is kept only if the email went out, so the team page never lists one nobody received.
     *
     * @return the normalized email the invitation went to
     * @throws TenancyException when the address already belongs to a member or the role is not the actor's to give
     * @throws org.springframework.mail.MailException when the email could not be handed to the mail server
     */
    @Transactional
    String invite(CurrentMember actor, String email, Role role) {
        if (!TeamRules.mayGrant(actor.role(), role)) {
            throw new TenancyException("role", "team.error.role-not-allowed");
        }
        String normalizedEmail = AccountRegistrar.normalizeEmail(email);
        boolean alreadyMember = users.findByEmailIgnoreCase(normalizedEmail)
                .flatMap(user -> memberships.findByUserId(user.id()))
                .isPresent();
        if (alreadyMember) {
            throw new TenancyException("email", "team.error.already-member");
        }
        invitations.findAllByAcceptedAtIsNullOrderByCreatedAtDesc().stream()
                .filter(earlier -> earlier.email().equals(normalizedEmail))
                .forEach(invitations::delete);
        String token = Secrets.token(TOKEN_BYTES);
        Instant now = clock.instant();
        invitations.save(new Invitation(normalizedEmail, role, Secrets.sha256(token), actor.userId(), now,
                now.plus(properties.invitationValidity())));
        mailer.sendInvitation(normalizedEmail, token, actor.accountName(), actor.name(), role);
        return normalizedEmail;
    }

    /** Deletes a pending invitation of the current account; {@code false} when there is no such invitation. */
    @Transactional
    boolean revoke(String invitationId) {
        return invitations.findById(invitationId).filter(invitation -> !invitation.isAccepted()).map(invitation -> {
            invitations.delete(invitation);
            return true;
        }).orElse(false);
    }
}
