package dev.magpie.content.internal;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.TenantId;

/** An email template: its name and current content; earlier contents are {@link TemplateVersion}s. */
@Entity
@Table(name = "templates")
class EmailTemplate {

    /** The only editor so far: the marketer writes the HTML. */
    static final String CODE = "CODE";

    @Id
    private String id;

    @TenantId
    @Column(name = "account_id")
    private String accountId;

    private String name;

    @Column(name = "editor_type")
    private String editorType;

    private String subject;

    private String html;

    private String text;

    private int version;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected EmailTemplate() {
    }

    EmailTemplate(String id, String name, String subject, String html, String text, Instant now) {
        this.id = id;
        this.name = name;
        this.editorType = CODE;
        this.subject = subject;
        this.html = html;
        this.text = text;
        this.version = 1;
        this.createdAt = now;
        this.updatedAt = now;
    }

    void rename(String name, Instant now) {
        if (!name.equals(this.name)) {
            this.name = name;
            this.updatedAt = now;
        }
    }

    /** Whether this content differs from the current one. */
    boolean differs(String subject, String html, String text) {
        return !java.util.Objects.equals(subject, this.subject) || !html.equals(this.html)
                || !java.util.Objects.equals(text, this.text);
    }

    void changeContent(String subject, String html, String text, Instant now) {
        this.subject = subject;
        this.html = html;
        this.text = text;
        this.version++;
        this.updatedAt = now;
    }

    String id() {
        return id;
    }

    String name() {
        return name;
    }

    String editorType() {
        return editorType;
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

    int version() {
        return version;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }
}
