package dev.magpie.tenancy.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import dev.magpie.tenancy.Role;
import dev.magpie.tenancy.TenantTransactions;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Turns an emailed invitation into a membership. The link names no account, so the invitation is first
 * found across accounts; the membership is then created in a transaction scoped to the invitation's own
 * account, which is why this class starts its transactions itself rather than joining the request's.
 */
@Service
class InvitationAcceptance {

    private final InvitationRepository invitations;

    private final MembershipRepository memberships;

    private final UserRepository users;

    private final AccountRepository accounts;

    private final PasswordEncoder passwordEncoder;

    private final TenantTransactions transactions;

    private final Clock clock;

    InvitationAcceptance(InvitationRepository invitations, MembershipRepository memberships, UserRepository users,
            AccountRepository accounts, PasswordEncoder passwordEncoder, TenantTransactions transactions,
            Clock clock) {
        this.invitations = invitations;
        this.memberships = memberships;
        this.users = users;
        this.accounts = accounts;
        this.passwordEncoder = passwordEncoder;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** The invitation behind this link, if it can still be accepted. */
    Optional<PendingInvitation> find(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        return transactions.asRoot(() -> invitations.findByTokenHash(Secrets.sha256(token))
                .filter(invitation -> invitation.isOpen(clock.instant()))
                .map(invitation -> new PendingInvitation(invitation.accountId(),
                        accounts.findById(invitation.accountId()).map(Account::name).orElse(""),
                        invitation.email(), invitation.role(),
                        users.findById(invitation.invitedBy()).map(User::name).orElse(""),
                        users.findByEmailIgnoreCase(invitation.email()).isPresent())));
    }

    /**
     * Accepts for a person who already has a login and proved it by signing in; a person who is already a
     * member keeps the role they have.
     *
     * @return the account joined
     * @throws TenancyException when the invitation is gone or addressed to someone else
     */
    String acceptAsExistingUser(String token, String userId) {
        String accountId = accountOf(token);
        return transactions.inAccount(accountId, () -> {
            Invitation invitation = openInvitation(token);
            User user = users.findById(userId).orElseThrow();
            if (!user.email().equalsIgnoreCase(invitation.email())) {
                throw new TenancyException(null, "invitation.error.other-person");
            }
            Instant now = clock.instant();
            if (memberships.findByUserId(userId).isEmpty()) {
                memberships.save(new Membership(userId, invitation.role(), now));
            }
            invitation.accept(now);
            return accountId;
        });
    }

    /**
     * Creates the login of a person new to Magpie, with the invited email (the link proved they read it),
     * and makes them a member.
     *
     * @throws TenancyException when the invitation is gone or the email got a login in the meantime
     */
    Accepted acceptAsNewUser(String token, String name, String password) {
        String accountId = accountOf(token);
        String passwordHash = passwordEncoder.encode(password);
        return transactions.inAccount(accountId, () -> {
            Invitation invitation = openInvitation(token);
            if (users.findByEmailIgnoreCase(invitation.email()).isPresent()) {
                throw new TenancyException(null, "invitation.error.sign-in-first");
            }
            Instant now = clock.instant();
            User user = users.save(new User(invitation.email(), name.trim(), passwordHash, now));
            memberships.save(new Membership(user.id(), invitation.role(), now));
            invitation.accept(now);
            return new Accepted(accountId, user.email());
        });
    }

    private String accountOf(String token) {
        return find(token).map(PendingInvitation::accountId)
                .orElseThrow(() -> new TenancyException(null, "invitation.invalid"));
    }

    /** Read again inside the account's transaction: it may have been accepted or revoked since. */
    private Invitation openInvitation(String token) {
        return invitations.findByTokenHash(Secrets.sha256(token))
                .filter(invitation -> invitation.isOpen(clock.instant()))
                .orElseThrow(() -> new TenancyException(null, "invitation.invalid"));
    }

    /** An invitation that can be accepted, with what the invitee needs to decide. */
    record PendingInvitation(String accountId, String accountName, String email, Role role, String inviterName,
            boolean emailHasLogin) {
    }

    /** What accepting as a new person created. */
    record Accepted(String accountId, String email) {
    }
}
