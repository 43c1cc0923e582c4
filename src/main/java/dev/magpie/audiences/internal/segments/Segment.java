package dev.magpie.audiences.internal.segments;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.TenantId;

/**
 * A segment's definition and how its evaluation stands. {@code status} is {@code EVALUATING} from a create or an
 * edit until a full evaluation of that version has visited every profile, then {@code READY}; incremental
 * re-evaluation runs in both states.
 */
@Entity
@Table(name = "segments")
class Segment {

    /** Where a segment's full evaluation is. */
    enum Status {
        EVALUATING, READY
    }

    @Id
    private String id;

    @TenantId
    @Column(name = "account_id")
    private String accountId;

    private String name;

    /** Klaviyo's definition JSON, as the client sent it (normalised by re-serialising). */
    private String definition;

    @Column(name = "is_starred")
    private boolean starred;

    @Column(name = "definition_version")
    private int definitionVersion;

    @Column(name = "evaluated_version")
    private int evaluatedVersion;

    private String status;

    @Column(name = "member_count")
    private long memberCount;

    @Column(name = "processed_count")
    private long processedCount;

    @Column(name = "total_count")
    private long totalCount;

    @Column(name = "last_evaluated")
    private Instant lastEvaluated;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected Segment() {
    }

    Segment(String id, String name, String definition, boolean starred, Instant now) {
        this.id = id;
        this.name = name;
        this.definition = definition;
        this.starred = starred;
        this.definitionVersion = 1;
        this.status = Status.EVALUATING.name();
        this.createdAt = now;
        this.updatedAt = now;
    }

    void rename(String name, Instant now) {
        this.name = name;
        this.updatedAt = now;
    }

    void star(boolean starred, Instant now) {
        this.starred = starred;
        this.updatedAt = now;
    }

    /** A new definition: a new version, to be evaluated in full. */
    void redefine(String definition, Instant now) {
        this.definition = definition;
        this.definitionVersion++;
        this.status = Status.EVALUATING.name();
        this.processedCount = 0;
        this.totalCount = 0;
        this.updatedAt = now;
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

    String definition() {
        return definition;
    }

    boolean starred() {
        return starred;
    }

    int definitionVersion() {
        return definitionVersion;
    }

    Status status() {
        return Status.valueOf(status);
    }

    long memberCount() {
        return memberCount;
    }

    long processedCount() {
        return processedCount;
    }

    long totalCount() {
        return totalCount;
    }

    Instant lastEvaluated() {
        return lastEvaluated;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }
}
