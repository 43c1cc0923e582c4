package dev.magpie.tenancy.internal;

import java.time.Instant;

import dev.magpie.tenancy.AccountView;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A store using Magpie: the tenant that owns every other record. */
@Entity
@Table(name = "accounts")
class Account {

    enum Status {
        ACTIVE, SUSPENDED
    }

    @Id
    private String id;

    private String name;

    @Column(name = "public_api_key")
    private String publicApiKey;

    private String timezone;

    private String currency;

    private String locale;

    @Column(name = "website_url")
    private String websiteUrl;

    @Column(name = "sender_name")
    private String senderName;

    @Column(name = "sender_email")
    private String senderEmail;

    @Enumerated(EnumType.STRING)
    private Status status;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "suspended_at")
    private Instant suspendedAt;

    protected Account() {
    }

    Account(String id, String name, String publicApiKey, String timezone, String currency, Instant now) {
        this.id = id;
        this.name = name;
        this.publicApiKey = publicApiKey;
        this.timezone = timezone;
        this.currency = currency;
        this.locale = "en-US";
        this.status = Status.ACTIVE;
        this.createdAt = now;
    }

    AccountView view() {
        return new AccountView(id, name, publicApiKey, timezone, currency, locale, websiteUrl, senderName,
                senderEmail, isSuspended(), createdAt);
    }

    void rename(String name) {
        this.name = name;
    }

    void changeSettings(String name, String timezone, String currency, String websiteUrl, String senderName,
            String senderEmail) {
        this.name = name;
        this.timezone = timezone;
        this.currency = currency;
        this.websiteUrl = websiteUrl;
        this.senderName = senderName;
        this.senderEmail = senderEmail;
    }

    void suspend(Instant now) {
        status = Status.SUSPENDED;
        suspendedAt = now;
    }

    void resume() {
        status = Status.ACTIVE;
        suspendedAt = null;
    }

    boolean isSuspended() {
        return status == Status.SUSPENDED;
    }

    String id() {
        return id;
    }

    String name() {
        return name;
    }
}
