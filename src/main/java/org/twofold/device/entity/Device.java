package org.twofold.device.entity;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** One binding of an identity to a device key (ECDSA P-256). */
@Entity
@Table(name = "device")
public class Device {

    /** Last-seen times are for people; refreshing them more often would cost a write per read. */
    static final Duration LAST_SEEN_RESOLUTION = Duration.ofMinutes(1);
    /** How long a device wiped by a restore may still block the newcomer that wiped it. */
    public static final Duration BLOCK_AFTER_WIPE = Duration.ofHours(24);

    @Id
    private String id;

    @Column(name = "identity_id")
    private String identityId;

    @Column(name = "public_key")
    private String publicKey;

    @Column(name = "token_hash")
    private String tokenHash;

    private String name;

    private String platform;

    @Enumerated(EnumType.STRING)
    private DeviceState state;

    @Enumerated(EnumType.STRING)
    @Column(name = "bound_via")
    private BoundVia boundVia;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "last_seen_at")
    private Instant lastSeenAt;

    @Column(name = "removed_at")
    private Instant removedAt;

    @Column(name = "removal_notification_id")
    private String removalNotificationId;

    @Version
    private long version;

    protected Device() {
    }

    public Device(String identityId, String publicKey, String tokenHash, String name, String platform,
                  BoundVia boundVia, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.identityId = identityId;
        this.publicKey = publicKey;
        this.tokenHash = tokenHash;
        this.name = name;
        this.platform = platform;
        this.state = DeviceState.ACTIVE;
        this.boundVia = boundVia;
        this.createdAt = now;
        this.lastSeenAt = now;
    }

    public boolean isActive() {
        return state == DeviceState.ACTIVE;
    }

    /**
     * The notification of the restore that wiped this device, while the device may still use it to block
     * the newcomer (24 h); empty for any other removal.
     */
    public Optional<String> blockableRestoreNotification(Instant now) {
        boolean wipedRecently = state == DeviceState.UNPAIRED && removalNotificationId != null
                && removedAt != null && now.isBefore(removedAt.plus(BLOCK_AFTER_WIPE));
        return wipedRecently ? Optional.of(removalNotificationId) : Optional.empty();
    }

    public boolean lastSeenIsStale(Instant now) {
        return lastSeenAt.plus(LAST_SEEN_RESOLUTION).isBefore(now);
    }

    public String id() {
        return id;
    }

    public String identityId() {
        return identityId;
    }

    public String publicKey() {
        return publicKey;
    }

    public String name() {
        return name;
    }

    public String platform() {
        return platform;
    }

    public DeviceState state() {
        return state;
    }

    public BoundVia boundVia() {
        return boundVia;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant lastSeenAt() {
        return lastSeenAt;
    }

    public Instant removedAt() {
        return removedAt;
    }
}
