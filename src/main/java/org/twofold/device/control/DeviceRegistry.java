package org.twofold.device.control;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import org.twofold.audit.control.AuditTrail;
import org.twofold.audit.entity.Actor;
import org.twofold.audit.entity.Outcome;
import org.twofold.crypto.control.SecretCodes;
import org.twofold.crypto.control.SecretHasher;
import org.twofold.crypto.control.SecretPurpose;
import org.twofold.device.entity.BoundVia;
import org.twofold.device.entity.Device;
import org.twofold.device.entity.DeviceState;
import org.twofold.notification.control.DeviceDisconnect;
import org.twofold.notification.control.Notifications;
import org.twofold.notification.entity.NotificationType;
import org.twofold.platform.control.Refusal;

/** The devices bound to identities: binding, finding by token, listing and unpairing. */
@ApplicationScoped
public class DeviceRegistry {

    static final String TOKEN_PREFIX = "tfd_";

    @PersistenceContext
    EntityManager em;

    @Inject
    SecretCodes codes;

    @Inject
    SecretHasher hasher;

    @Inject
    Notifications notifications;

    @Inject
    AuditTrail audit;

    @Inject
    Event<DeviceDisconnect> disconnects;

    @Inject
    Event<DeviceBlocked> blocks;

    @Inject
    Clock clock;

    public BoundDevice bind(String identityId, String publicKey, String name, String platform, BoundVia boundVia) {
        String token = codes.token(TOKEN_PREFIX, 32);
        return new BoundDevice(bindWithToken(identityId, publicKey, name, platform, boundVia, tokenHash(token)), token);
    }

    /** Binds a device whose token the caller derived and will hand over itself (duplication by QR). */
    public Device bindWithToken(String identityId, String publicKey, String name, String platform, BoundVia boundVia,
                                String tokenHash) {
        Device device = new Device(identityId, publicKey, tokenHash, name, platform, boundVia, clock.instant());
        em.persist(device);
        return device;
    }

    public String tokenHash(String token) {
        return hasher.hash(SecretPurpose.DEVICE_TOKEN, token);
    }

    /** A device token derived from a secret only the new device holds: {@code tfd_} + HMAC(pepper, secret). */
    public String derivedToken(String deviceSecret) {
        return TOKEN_PREFIX + hasher.hash(SecretPurpose.DUPLICATION_TOKEN, deviceSecret);
    }

    public Optional<Device> byToken(String token) {
        return em.createQuery("SELECT d FROM Device d WHERE d.tokenHash = :hash", Device.class)
                .setParameter("hash", tokenHash(token))
                .getResultStream().findFirst();
    }

    public List<Device> devicesOf(String identityId) {
        return em.createQuery("SELECT d FROM Device d WHERE d.identityId = :identity ORDER BY d.createdAt", Device.class)
                .setParameter("identity", identityId)
                .getResultList();
    }

    public List<Device> activeDevicesOf(String identityId) {
        return em.createQuery("SELECT d FROM Device d WHERE d.identityId = :identity AND d.state = :active"
                        + " ORDER BY d.createdAt", Device.class)
                .setParameter("identity", identityId)
                .setParameter("active", DeviceState.ACTIVE)
                .getResultList();
    }

    public boolean hasActiveDevice(String identityId) {
        return !em.createQuery("SELECT d.id FROM Device d WHERE d.identityId = :identity AND d.state = :active", String.class)
                .setParameter("identity", identityId)
                .setParameter("active", DeviceState.ACTIVE)
                .setMaxResults(1)
                .getResultList().isEmpty();
    }

    public Device require(String deviceId) {
        return Optional.ofNullable(em.find(Device.class, deviceId)).orElseThrow(DeviceRegistry::unknownDevice);
    }

    /** A device of the given identity; devices of other identities are as unknown as missing ones. */
    public Device requireOwn(String identityId, String deviceId) {
        Device device = require(deviceId);
        if (!device.identityId().equals(identityId)) {
            throw unknownDevice();
        }
        return device;
    }

    /**
     * Unpairs an active device. The conditional update makes it happen once even when several devices
     * (or a device and an operator) unpair it at the same moment; the others get {@code unknown-device}.
     */
    public Device unpair(String deviceId, String user, Actor actor) {
        Device device = require(deviceId);
        int changed = em.createQuery("UPDATE Device d SET d.state = :unpaired, d.removedAt = :now, d.version = d.version + 1"
                        + " WHERE d.id = :id AND d.state = :active")
                .setParameter("unpaired", DeviceState.UNPAIRED)
                .setParameter("now", clock.instant())
                .setParameter("id", deviceId)
                .setParameter("active", DeviceState.ACTIVE)
                .executeUpdate();
        if (changed != 1) {
            throw unknownDevice();
        }
        notifications.announce(device.identityId(), NotificationType.DEVICE_UNPAIRED, device.id(), device.name());
        audit.record(actor, "device.unpair", target(device, user), Outcome.SUCCESS, null);
        disconnects.fire(new DeviceDisconnect(device.id()));
        return device;
    }

    /**
     * A restore wipes the identity's other devices in the transaction that binds the new one. Each
     * wiped device remembers the restore's notification, which it may still use to block the newcomer.
     */
    public List<Device> wipeAllBut(String identityId, String keptDeviceId, String restoreNotificationId, String user,
                                   Actor actor) {
        List<Device> wiped = activeDevicesOf(identityId).stream()
                .filter(device -> !device.id().equals(keptDeviceId)).toList();
        for (Device device : wiped) {
            em.createQuery("UPDATE Device d SET d.state = :unpaired, d.removedAt = :now, d.removalNotificationId = :notification,"
                            + " d.version = d.version + 1 WHERE d.id = :id AND d.state = :active")
                    .setParameter("unpaired", DeviceState.UNPAIRED)
                    .setParameter("now", clock.instant())
                    .setParameter("notification", restoreNotificationId)
                    .setParameter("id", device.id())
                    .setParameter("active", DeviceState.ACTIVE)
                    .executeUpdate();
            audit.record(actor, "device.wipe", target(device, user), Outcome.SUCCESS, "wiped by restore");
            disconnects.fire(new DeviceDisconnect(device.id()));
        }
        return wiped;
    }

    /**
     * Blocks a device reported as unauthorised: at once and for good (only an operator unblocks). A device
     * already unpaired is blocked too, so that an operator cannot mistake it for a harmless removal.
     */
    public boolean block(Device device, String user, Actor actor) {
        int changed = em.createQuery("UPDATE Device d SET d.state = :blocked, d.removedAt = :now, d.version = d.version + 1"
                        + " WHERE d.id = :id AND d.state <> :blocked")
                .setParameter("blocked", DeviceState.BLOCKED)
                .setParameter("now", clock.instant())
                .setParameter("id", device.id())
                .executeUpdate();
        if (changed != 1) {
            return false;
        }
        blocks.fire(new DeviceBlocked(device.identityId(), device.id(), device.boundVia()));
        notifications.announce(device.identityId(), NotificationType.DEVICE_BLOCKED, device.id(), device.name());
        audit.record(actor, "device.block", target(device, user), Outcome.SUCCESS, "reported as unauthorised");
        disconnects.fire(new DeviceDisconnect(device.id()));
        return true;
    }

    /** An operator lifts a block after checking the device is the user's after all. */
    public void unblock(String deviceId, String user, Actor actor) {
        Device device = require(deviceId);
        int changed = em.createQuery("UPDATE Device d SET d.state = :active, d.removedAt = NULL, d.version = d.version + 1"
                        + " WHERE d.id = :id AND d.state = :blocked")
                .setParameter("active", DeviceState.ACTIVE)
                .setParameter("id", deviceId)
                .setParameter("blocked", DeviceState.BLOCKED)
                .executeUpdate();
        if (changed != 1) {
            throw new Refusal(Refusal.Kind.CONFLICT, "device-not-blocked", "This device is not blocked");
        }
        audit.record(actor, "device.unblock", target(device, user), Outcome.SUCCESS, null);
    }

    public static String target(Device device, String user) {
        return "device:" + device.id() + " (" + user + ")";
    }

    /** Records that a device was seen, at most once a minute per device. */
    @Transactional
    public void touch(Device device) {
        Instant now = clock.instant();
        if (device.lastSeenIsStale(now)) {
            em.createQuery("UPDATE Device d SET d.lastSeenAt = :now WHERE d.id = :id AND d.lastSeenAt < :now")
                    .setParameter("now", now)
                    .setParameter("id", device.id())
                    .executeUpdate();
        }
    }

    static Refusal unknownDevice() {
        return new Refusal(Refusal.Kind.NOT_FOUND, "unknown-device", "No such active device of this identity");
    }
}
