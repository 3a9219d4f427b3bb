package org.twofold.auth.entity;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A relying party's request to have a user confirm a login on a device, with number matching: the
 * login page shows {@code displayNumber}; the device offers it among decoys.
 */
@Entity
@Table(name = "auth_session")
public class AuthSession {

    @Id
    private String id;

    @Column(name = "relying_party_id")
    private String relyingPartyId;

    @Column(name = "identity_id")
    private String identityId;

    private String context;

    @Column(name = "display_number")
    private String displayNumber;

    /** Comma-separated, in the order the device shows them. */
    private String choices;

    @Enumerated(EnumType.STRING)
    private AuthStatus status;

    @Column(name = "device_id")
    private String deviceId;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "decided_at")
    private Instant decidedAt;

    protected AuthSession() {
    }

    public AuthSession(String relyingPartyId, String identityId, String context, NumberChallenge challenge,
                       Instant now, Instant expiresAt) {
        this.id = UUID.randomUUID().toString();
        this.relyingPartyId = relyingPartyId;
        this.identityId = identityId;
        this.context = context;
        this.displayNumber = challenge.displayNumber();
        this.choices = String.join(",", challenge.choices());
        this.status = AuthStatus.PENDING;
        this.createdAt = now;
        this.expiresAt = expiresAt;
    }

    /** The status as of {@code now}: a pending session past its expiry is expired, stored or not. */
    public AuthStatus statusAt(Instant now) {
        return status == AuthStatus.PENDING && !now.isBefore(expiresAt) ? AuthStatus.EXPIRED : status;
    }

    /** The outcome of a device's decision; a wrong number denies (the user was misled or guessing). */
    public AuthStatus outcomeOf(boolean approve, String pickedNumber) {
        return approve && displayNumber.equals(pickedNumber) ? AuthStatus.APPROVED : AuthStatus.DENIED;
    }

    public String id() {
        return id;
    }

    public String relyingPartyId() {
        return relyingPartyId;
    }

    public String identityId() {
        return identityId;
    }

    public String context() {
        return context;
    }

    public String displayNumber() {
        return displayNumber;
    }

    public List<String> choices() {
        return Arrays.asList(choices.split(","));
    }

    public String deviceId() {
        return deviceId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Instant decidedAt() {
        return decidedAt;
    }
}
