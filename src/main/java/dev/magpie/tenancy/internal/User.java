package dev.magpie.tenancy.internal;

import java.time.Instant;

import dev.magpie.shared.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A person who signs in; one user may be a member of several accounts. */
@Entity
@Table(name = "users")
class User {

    @Id
    private String id;

    private String email;

    private String name;

    @Column(name = "password_hash")
    private String passwordHash;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "last_sign_in_at")
    private Instant lastSignInAt;

    protected User() {
    }

    User(String email, String name, String passwordHash, Instant now) {
        this.id = Ids.newId();
        this.email = email;
        this.name = name;
        this.passwordHash = passwordHash;
        this.createdAt = now;
    }

    void changePassword(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    void rename(String name) {
        this.name = name;
    }

    void signedIn(Instant now) {
        this.lastSignInAt = now;
    }

    String id() {
        return id;
    }

    String email() {
        return email;
    }

    String name() {
        return name;
    }

    String passwordHash() {
        return passwordHash;
    }

    Instant lastSignInAt() {
        return lastSignInAt;
    }
}
