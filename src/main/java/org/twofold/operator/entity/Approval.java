package org.twofold.operator.entity;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * An action one operator asked for that policy lets happen only when a second operator approves it
 * (four-eyes); it expires unapproved after a day.
 */
@Entity
@Table(name = "approval")
public class Approval {

    @Id
    private String id;

    private String action;

    @Column(name = "identity_id")
    private String identityId;

    /** what exactly was asked for, in the action's own words (e.g. the channel of a re-issue) */
    private String detail;

    @Enumerated(EnumType.STRING)
    private ApprovalState state;

    @Column(name = "requested_by")
    private String requestedBy;

    @Column(name = "requested_at")
    private Instant requestedAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "decided_by")
    private String decidedBy;

    @Column(name = "decided_at")
    private Instant decidedAt;

    @Version
    private long version;

    protected Approval() {
    }

    public Approval(String action, String identityId, String detail, String requestedBy, Instant now, Instant expiresAt) {
        this.id = UUID.randomUUID().toString();
        this.action = action;
        this.identityId = identityId;
        this.detail = detail;
        this.state = ApprovalState.PENDING;
        this.requestedBy = requestedBy;
        this.requestedAt = now;
        this.expiresAt = expiresAt;
    }

    public boolean isOpen(Instant now) {
        return state == ApprovalState.PENDING && now.isBefore(expiresAt);
    }

    public void approve(String approver, Instant now) {
        this.state = ApprovalState.APPROVED;
        this.decidedBy = approver;
        this.decidedAt = now;
    }

    public String id() {
        return id;
    }

    public String action() {
        return action;
    }

    public String identityId() {
        return identityId;
    }

    public String detail() {
        return detail;
    }

    public ApprovalState state() {
        return state;
    }

    public String requestedBy() {
        return requestedBy;
    }

    public Instant requestedAt() {
        return requestedAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public String decidedBy() {
        return decidedBy;
    }
}
