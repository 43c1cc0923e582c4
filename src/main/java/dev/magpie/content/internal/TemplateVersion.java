package dev.magpie.content.internal;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.TenantId;

/** A template's content as it was before a save changed it. */
@Entity
@Table(name = "template_versions")
class TemplateVersion {

    @Id
    private String id;

    @TenantId
    @Column(name = "account_id")
    private String accountId;

    @Column(name = "template_id")
    private String templateId;

    private int version;

    private String subject;

    private String html;

    private String text;

    @Column(name = "saved_at")
    private Instant savedAt;

    protected TemplateVersion() {
    }

    TemplateVersion(String id, EmailTemplate template) {
        this.id = id;
        this.templateId = template.id();
        this.version = template.version();
        this.subject = template.subject();
        this.html = template.html();
        this.text = template.text();
        this.savedAt = template.updatedAt();
    }

    String templateId() {
        return templateId;
    }

    int version() {
        return version;
    }

    String subject() {
        return subject;
    }

    String html() {
        return html;
    }

    String text() {
        return text;
    }

    Instant savedAt() {
        return savedAt;
    }
}
