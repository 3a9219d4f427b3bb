package org.twofold.auth.entity;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An application that asks Twofold to authenticate users, with an API key (stored hashed). */
@Entity
@Table(name = "relying_party")
public class RelyingParty {

    /** The appliance itself, for its self-service panel (migration V11): no key, never rotated or revoked. */
    public static final String SELF_SERVICE_ID = "00000000-0000-0000-0000-00000000f001";


    @Id
    private String id;

    private String name;

    @Column(name = "api_key_hash")
    private String apiKeyHash;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected RelyingParty() {
    }

    public RelyingParty(String name, String apiKeyHash, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.name = name;
        this.apiKeyHash = apiKeyHash;
        this.createdAt = now;
    }

    public boolean isRevoked() {
        return revokedAt != null;
    }

    /** The new key's hash replaces the old one's, so the old key matches nothing from this commit on. */
    public void replaceKey(String newApiKeyHash) {
        this.apiKeyHash = newApiKeyHash;
    }

    public void revoke(Instant now) {
        this.revokedAt = now;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant revokedAt() {
        return revokedAt;
    }
}
