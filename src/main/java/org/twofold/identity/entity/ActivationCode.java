package org.twofold.identity.entity;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A one-time enrollment secret; only its keyed hash is stored. */
@Entity
@Table(name = "activation_code")
public class ActivationCode {

    @Id
    private String id;

    @Column(name = "identity_id")
    private String identityId;

    @Column(name = "code_hash")
    private String codeHash;

    @Column(name = "created_by")
    private String createdBy;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "used_at")
    private Instant usedAt;

    protected ActivationCode() {
    }

    public ActivationCode(String identityId, String codeHash, String createdBy, Instant now, Instant expiresAt) {
        this.id = UUID.randomUUID().toString();
        this.identityId = identityId;
        this.codeHash = codeHash;
        this.createdBy = createdBy;
        this.createdAt = now;
        this.expiresAt = expiresAt;
    }

    public boolean isUsable(Instant now) {
        return usedAt == null && now.isBefore(expiresAt);
    }

    public String id() {
        return id;
    }

    public String identityId() {
        return identityId;
    }

    public Instant expiresAt() {
        return expiresAt;
    }
}
