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
    Clock clock;

    public BoundDevice bind(String identityId, String publicKey, String name, String platform, BoundVia boundVia) {
        String token = codes.token(TOKEN_PREFIX, 32);
        Device device = new Device(identityId, publicKey, hasher.hash(SecretPurpose.DEVICE_TOKEN, token),
                name, platform, boundVia, clock.instant());
        em.persist(device);
        return new BoundDevice(device, token);
    }

    public Optional<Device> byToken(String token) {
        return em.createQuery("SELECT d FROM Device d WHERE d.tokenHash = :hash", Device.class)
                .setParameter("hash", hasher.hash(SecretPurpose.DEVICE_TOKEN, token))
                .getResultStream().findFirst();
    }

    public List<Device> devicesOf(String identityId) {
        return em.createQuery("SELECT d FROM Device d WHERE d.identityId = :identity ORDER BY d.createdAt", Device.class)
                .setParameter("identity", identityId)
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
        audit.record(actor, "device.unpair", "device:" + device.id() + " (" + user + ")", Outcome.SUCCESS, null);
        disconnects.fire(new DeviceDisconnect(device.id()));
        return device;
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
