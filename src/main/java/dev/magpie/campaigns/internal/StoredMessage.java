package dev.magpie.campaigns.internal;

import java.time.Instant;

import dev.magpie.campaigns.Campaign;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.TenantId;

/** A campaign's email: subject, preview text, sender, reply-to and template. */
@Entity
@Table(name = "campaign_messages")
class StoredMessage {

    @Id
    private String id;

    @TenantId
    @Column(name = "account_id")
    private String accountId;

    @Column(name = "campaign_id")
    private String campaignId;

    private String label;

    private String subject;

    @Column(name = "preview_text")
    private String previewText;

    @Column(name = "from_email")
    private String fromEmail;

    @Column(name = "from_label")
    private String fromLabel;

    @Column(name = "reply_to_email")
    private String replyToEmail;

    @Column(name = "template_id")
    private String templateId;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected StoredMessage() {
    }

    StoredMessage(String id, String campaignId, MessageContent content, String templateId, Instant now) {
        this.id = id;
        this.campaignId = campaignId;
        this.templateId = templateId;
        this.createdAt = now;
        apply(content, now);
    }

    void apply(MessageContent content, Instant now) {
        this.label = content.label();
        this.subject = content.subject();
        this.previewText = content.previewText();
        this.fromEmail = content.fromEmail();
        this.fromLabel = content.fromLabel();
        this.replyToEmail = content.replyToEmail();
        this.updatedAt = now;
    }

    void assign(String templateId, Instant now) {
        this.templateId = templateId;
        this.updatedAt = now;
    }

    MessageContent content() {
        return new MessageContent(label, subject, previewText, fromEmail, fromLabel, replyToEmail);
    }

    Campaign.Message view() {
        return new Campaign.Message(id, label, subject, previewText, fromEmail, fromLabel, replyToEmail, templateId,
                createdAt, updatedAt);
    }

    String id() {
        return id;
    }

    String campaignId() {
        return campaignId;
    }

    String templateId() {
        return templateId;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }
}
