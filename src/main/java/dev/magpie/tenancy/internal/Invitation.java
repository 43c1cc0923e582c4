package dev.magpie.tenancy.internal;

import java.time.Instant;

import dev.magpie.shared.Ids;
import dev.magpie.tenancy.Role;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.TenantId;

/** An emailed invitation to join an account with a role; the link carries a token whose hash is kept. */
@Entity
@Table(name = "invitations")
class Invitation {

    @Id
    private String id;

    @TenantId
    @Column(name = "account_id")
    private String accountId;

    private String email;

    @Enumerated(EnumType.STRING)
    private Role role;

    @Column(name = "token_hash")
    private String tokenHash;

    @Column(name = "invited_by")
    private String invitedBy;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "accepted_at")
    private Instant acceptedAt;

    protected Invitation() {
    }

    Invitation(String email, Role role, String tokenHash, String invitedBy, Instant now, Instant expiresAt) {
        this.id = Ids.newId();
        this.email = email;
        this.role = role;
        this.tokenHash = tokenHash;
        this.invitedBy = invitedBy;
        this.createdAt = now;
        this.expiresAt = expiresAt;
    }

    boolean isOpen(Instant now) {
        return acceptedAt == null && now.isBefore(expiresAt);
    }

    void accept(Instant now) {
        acceptedAt = now;
    }

    boolean isAccepted() {
        return acceptedAt != null;
    }

    String invitedBy() {
        return invitedBy;
    }

    String id() {
        return id;
    }

    String accountId() {
        return accountId;
    }

    String email() {
        return email;
    }

    Role role() {
        return role;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant expiresAt() {
        return expiresAt;
    }
}
