package org.twofold.notification.entity;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A message to every device of an identity about one of its devices. */
@Entity
@Table(name = "notification")
public class Notification {

    @Id
    private String id;

    @Column(name = "identity_id")
    private String identityId;

    @Enumerated(EnumType.STRING)
    private NotificationType type;

    @Column(name = "device_id")
    private String deviceId;

    @Column(name = "device_name")
    private String deviceName;

    @Column(name = "created_at")
    private Instant createdAt;

    private boolean blockable;

    @Column(name = "blocked_at")
    private Instant blockedAt;

    protected Notification() {
    }

    public Notification(String identityId, NotificationType type, String deviceId, String deviceName, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.identityId = identityId;
        this.type = type;
        this.deviceId = deviceId;
        this.deviceName = deviceName;
        this.createdAt = now;
        this.blockable = type.blockable();
    }

    public String id() {
        return id;
    }

    public String identityId() {
        return identityId;
    }

    public NotificationType type() {
        return type;
    }

    public String deviceId() {
        return deviceId;
    }

    public String deviceName() {
        return deviceName;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public boolean blockable() {
        return blockable;
    }

    public Instant blockedAt() {
        return blockedAt;
    }
}
