package dev.magpie.integrations.internal;

import java.time.Instant;

import dev.magpie.shared.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.TenantId;

/**
 * One connection of an account to a system that feeds it: a Shopify or WooCommerce store, a sender of generic
 * webhooks (each with its signing secret), or a Segment source (with its write key, kept as a hash).
 */
@Entity
@Table(name = "integration_connections")
class Connection {

    @Id
    private String id;

    @TenantId
    @Column(name = "account_id")
    private String accountId;

    @Enumerated(EnumType.STRING)
    private Platform platform;

    private String name;

    @Column(name = "signing_secret")
    private String signingSecret;

    @Column(name = "previous_secret")
    private String previousSecret;

    @Column(name = "previous_secret_until")
    private Instant previousSecretUntil;

    @Column(name = "write_key_hash")
    private String writeKeyHash;

    /** The write key's first characters, so people can tell keys apart. */
    @Column(name = "key_hint")
    private String keyHint;

    @Column(name = "created_by")
    private String createdBy;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "secret_changed_at")
    private Instant secretChangedAt;

    @Column(name = "last_delivery_at")
    private Instant lastDeliveryAt;

    @Column(name = "last_topic")
    private String lastTopic;

    protected Connection() {
    }

    Connection(Platform platform, String name, String createdBy, Instant now) {
        this.id = Ids.newId();
        this.platform = platform;
        this.name = name;
        this.createdBy = createdBy;
        this.createdAt = now;
    }

    /** Replaces the signing secret; the one it replaces keeps working until {@code previousUntil}. */
    void changeSecret(String secret, Instant now, Instant previousUntil) {
        if (signingSecret != null && previousUntil.isAfter(now)) {
            previousSecret = signingSecret;
            previousSecretUntil = previousUntil;
        }
        signingSecret = secret;
        secretChangedAt = now;
    }

    /** Replaces the write key; the previous one stops working at once. */
    void changeWriteKey(String hash, String hint, Instant now) {
        writeKeyHash = hash;
        keyHint = hint;
        secretChangedAt = now;
    }

    void rename(String name) {
        this.name = name;
    }

    String id() {
        return id;
    }

    String accountId() {
        return accountId;
    }

    Platform platform() {
        return platform;
    }

    String name() {
        return name;
    }

    String signingSecret() {
        return signingSecret;
    }

    /** The previous secret while it is still accepted at {@code now}, else {@code null}. */
    String previousSecretAt(Instant now) {
        return previousSecret != null && previousSecretUntil != null && previousSecretUntil.isAfter(now)
                ? previousSecret : null;
    }

    Instant previousSecretUntil() {
        return previousSecretUntil;
    }

    String keyHint() {
        return keyHint;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant secretChangedAt() {
        return secretChangedAt;
    }

    Instant lastDeliveryAt() {
        return lastDeliveryAt;
    }

    String lastTopic() {
        return lastTopic;
    }
}
