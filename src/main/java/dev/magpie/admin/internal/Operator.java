package dev.magpie.admin.internal;

import java.time.Instant;

import dev.magpie.shared.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A person who runs this Magpie installation; not a member of any account, so not tenant-scoped. */
@Entity
@Table(name = "operators")
class Operator {

    @Id
    private String id;

    private String username;

    @Column(name = "password_hash")
    private String passwordHash;

    @Column(name = "created_at")
    private Instant createdAt;

    protected Operator() {
    }

    Operator(String username, String passwordHash, Instant now) {
        this.id = Ids.newId();
        this.username = username;
        this.passwordHash = passwordHash;
        this.createdAt = now;
    }

    void changePassword(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    String id() {
        return id;
    }

    String username() {
        return username;
    }

    String passwordHash() {
        return passwordHash;
    }
}
