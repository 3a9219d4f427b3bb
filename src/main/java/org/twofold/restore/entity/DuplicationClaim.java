package org.twofold.restore.entity;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A new device's claim on a duplication offer. It becomes a device only when an old device confirms it
 * in time. The device token is derived from the claim secret that only the new device holds, so the
 * appliance stores nothing from which the token could be read back.
 */
@Entity
@Table(name = "duplication_claim")
public class DuplicationClaim {

    @Id
    private String id;

    @Column(name = "offer_id")
    private String offerId;

    @Column(name = "identity_id")
    private String identityId;

    @Column(name = "public_key")
    private String publicKey;

    @Column(name = "device_name")
    private String deviceName;

    private String platform;

    @Column(name = "claim_secret_hash")
    private String claimSecretHash;

    @Column(name = "token_hash")
    private String tokenHash;

    private String fingerprint;

    @Enumerated(EnumType.STRING)
    private ClaimStatus status;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "device_id")
    private String deviceId;

    @Column(name = "token_delivered")
    private boolean tokenDelivered;

    protected DuplicationClaim() {
    }

    public DuplicationClaim(DuplicationOffer offer, String publicKey, String deviceName, String platform,
                            String claimSecretHash, String tokenHash, String fingerprint, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.offerId = offer.id();
        this.identityId = offer.identityId();
        this.publicKey = publicKey;
        this.deviceName = deviceName;
        this.platform = platform;
        this.claimSecretHash = claimSecretHash;
        this.tokenHash = tokenHash;
        this.fingerprint = fingerprint;
        this.status = ClaimStatus.PENDING;
        this.createdAt = now;
        this.expiresAt = offer.expiresAt();
    }

    /** A pending claim past the offer's lifetime is expired, stored or not. */
    public ClaimStatus statusAt(Instant now) {
        return status == ClaimStatus.PENDING && !now.isBefore(expiresAt) ? ClaimStatus.EXPIRED : status;
    }

    public String id() {
        return id;
    }

    public String offerId() {
        return offerId;
    }

    public String identityId() {
        return identityId;
    }

    public String publicKey() {
        return publicKey;
    }

    public String deviceName() {
        return deviceName;
    }

    public String platform() {
        return platform;
    }

    public String claimSecretHash() {
        return claimSecretHash;
    }

    public String tokenHash() {
        return tokenHash;
    }

    public String fingerprint() {
        return fingerprint;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public String deviceId() {
        return deviceId;
    }

    public boolean tokenDelivered() {
        return tokenDelivered;
    }
}
