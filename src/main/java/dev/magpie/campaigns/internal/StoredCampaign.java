package dev.magpie.campaigns.internal;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import dev.magpie.campaigns.CampaignStatus;
import dev.magpie.campaigns.SendStrategy;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.TenantId;

/** A campaign's row: its name, status, audiences and send settings. Its email is a {@link StoredMessage}. */
@Entity
@Table(name = "campaigns")
class StoredCampaign {

    /** The only channel so far. */
    static final String EMAIL = "email";

    @Id
    private String id;

    @TenantId
    @Column(name = "account_id")
    private String accountId;

    private String name;

    private String channel;

    @Enumerated(EnumType.STRING)
    private CampaignStatus status;

    @Column(name = "included_audiences")
    private String includedAudiences;

    @Column(name = "excluded_audiences")
    private String excludedAudiences;

    @Enumerated(EnumType.STRING)
    @Column(name = "send_strategy")
    private SendStrategy sendStrategy;

    @Column(name = "send_datetime")
    private Instant sendAt;

    @Column(name = "throttle_hours")
    private Integer throttleHours;

    @Column(name = "smart_sending")
    private boolean smartSending;

    @Column(name = "smart_sending_hours")
    private int smartSendingHours;

    @Column(name = "estimated_recipients")
    private Long estimatedRecipients;

    @Column(name = "estimated_at")
    private Instant estimatedAt;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    @Column(name = "scheduled_at")
    private Instant scheduledAt;

    @Column(name = "send_time")
    private Instant sendTime;

    protected StoredCampaign() {
    }

    StoredCampaign(String id, CampaignSettings settings, Instant now) {
        this.id = id;
        this.channel = EMAIL;
        this.status = CampaignStatus.DRAFT;
        this.createdAt = now;
        apply(settings, now);
    }

    /** Replaces every setting (a patch has been merged with the current ones already). */
    void apply(CampaignSettings settings, Instant now) {
        this.name = settings.name();
        this.includedAudiences = String.join(" ", settings.included());
        this.excludedAudiences = String.join(" ", settings.excluded());
        this.sendStrategy = settings.sendStrategy();
        this.sendAt = settings.sendAt();
        this.throttleHours = settings.throttleHours();
        this.smartSending = settings.smartSending();
        this.smartSendingHours = settings.smartSendingHours();
        this.updatedAt = now;
    }

    void moveTo(CampaignStatus status, Instant now) {
        this.status = status;
        this.updatedAt = now;
    }

    void scheduleFor(Instant sendTime, Instant now) {
        this.status = CampaignStatus.SCHEDULED;
        this.scheduledAt = now;
        this.sendTime = sendTime;
        this.updatedAt = now;
    }

    void estimated(long recipients, Instant now) {
        this.estimatedRecipients = recipients;
        this.estimatedAt = now;
    }

    CampaignSettings settings() {
        return new CampaignSettings(name, ids(includedAudiences), ids(excludedAudiences), sendStrategy, sendAt,
                throttleHours, smartSending, smartSendingHours);
    }

    private static List<String> ids(String joined) {
        return joined == null || joined.isBlank() ? List.of() : Arrays.asList(joined.split(" "));
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

    String channel() {
        return channel;
    }

    CampaignStatus status() {
        return status;
    }

    Long estimatedRecipients() {
        return estimatedRecipients;
    }

    Instant estimatedAt() {
        return estimatedAt;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }

    Instant scheduledAt() {
        return scheduledAt;
    }

    Instant sendTime() {
        return sendTime;
    }
}
