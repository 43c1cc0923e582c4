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

/** A user's place in an account, with the role that says what they may do there. */
@Entity
@Table(name = "memberships")
class Membership {

    @Id
    private String id;

    @TenantId
    @Column(name = "account_id")
    private String accountId;

    @Column(name = "user_id")
    private String userId;

    @Enumerated(EnumType.STRING)
    private Role role;

    @Column(name = "created_at")
    private Instant createdAt;

    protected Membership() {
    }

    Membership(String userId, Role role, Instant now) {
        this.id = Ids.newId();
        this.userId = userId;
        this.role = role;
        this.createdAt = now;
    }

    void changeRole(Role role) {
        this.role = role;
    }

    String id() {
        return id;
    }

    String accountId() {
        return accountId;
    }

    String userId() {
        return userId;
    }

    Role role() {
        return role;
    }

    Instant createdAt() {
        return createdAt;
    }
}
