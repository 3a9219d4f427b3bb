package org.twofold.restore.entity;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Step one of a restore succeeded: the OTP (hashed) mailed for this attempt and no other. */
@Entity
@Table(name = "restore_attempt")
public class RestoreAttempt {

    @Id
    private String id;

    @Column(name = "identity_id")
    private String identityId;

    @Column(name = "otp_hash")
    private String otpHash;

    @Column(name = "source_address")
    private String sourceAddress;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "completed_at")
    private Instant completedAt;

    protected RestoreAttempt() {
    }

    public RestoreAttempt(String identityId, String otpHash, String sourceAddress, Instant now, Instant expiresAt) {
        this.id = UUID.randomUUID().toString();
        this.identityId = identityId;
        this.otpHash = otpHash;
        this.sourceAddress = sourceAddress;
        this.createdAt = now;
        this.expiresAt = expiresAt;
    }

    public boolean isOpen(Instant now) {
        return completedAt == null && now.isBefore(expiresAt);
    }

    public String id() {
        return id;
    }

    public String identityId() {
        return identityId;
    }

    public String otpHash() {
        return otpHash;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }
}
