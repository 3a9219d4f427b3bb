package org.twofold.restore.entity;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An old device offers to duplicate its identity onto a new one (QR, 120 s, claimed once). */
@Entity
@Table(name = "duplication_offer")
public class DuplicationOffer {

    @Id
    private String id;

    @Column(name = "identity_id")
    private String identityId;

    @Column(name = "offering_device_id")
    private String offeringDeviceId;

    @Column(name = "secret_hash")
    private String secretHash;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    private boolean claimed;

    protected DuplicationOffer() {
    }

    public DuplicationOffer(String identityId, String offeringDeviceId, String secretHash, Instant now, Instant expiresAt) {
        this.id = UUID.randomUUID().toString();
        this.identityId = identityId;
        this.offeringDeviceId = offeringDeviceId;
        this.secretHash = secretHash;
        this.createdAt = now;
        this.expiresAt = expiresAt;
    }

    public boolean isOpen(Instant now) {
        return !claimed && now.isBefore(expiresAt);
    }

    public String id() {
        return id;
    }

    public String identityId() {
        return identityId;
    }

    public String offeringDeviceId() {
        return offeringDeviceId;
    }

    public String secretHash() {
        return secretHash;
    }

    public Instant expiresAt() {
        return expiresAt;
    }
}
