package dev.magpie.audiences.internal.lists;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.TenantId;

/** A list's definition: its name and opt-in process. Who is on it lives in Cassandra ({@link ListMembersStore}). */
@Entity
@Table(name = "lists")
class ListDefinition {

    @Id
    private String id;

    @TenantId
    @Column(name = "account_id")
    private String accountId;

    private String name;

    @Enumerated(EnumType.STRING)
    @Column(name = "opt_in_process")
    private OptInProcess optInProcess;

    /** Signs this list's double opt-in confirmation links. */
    @Column(name = "confirm_secret")
    private String confirmSecret;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected ListDefinition() {
    }

    ListDefinition(String id, String name, OptInProcess optInProcess, String confirmSecret, Instant now) {
        this.id = id;
        this.name = name;
        this.optInProcess = optInProcess;
        this.confirmSecret = confirmSecret;
        this.createdAt = now;
        this.updatedAt = now;
    }

    void rename(String name, Instant now) {
        if (!name.equals(this.name)) {
            this.name = name;
            this.updatedAt = now;
        }
    }

    void changeOptInProcess(OptInProcess optInProcess, Instant now) {
        if (optInProcess != this.optInProcess) {
            this.optInProcess = optInProcess;
            this.updatedAt = now;
        }
    }

    String id() {
        return id;
    }

    String accountId() {
        return accountId;
    }

    String name() {
        return name;
    }

    OptInProcess optInProcess() {
        return optInProcess;
    }

    boolean doubleOptIn() {
        return optInProcess == OptInProcess.DOUBLE_OPT_IN;
    }

    String confirmSecret() {
        return confirmSecret;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }
}
