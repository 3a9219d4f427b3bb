package org.twofold.restore.control;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import org.twofold.audit.control.AuditTrail;
import org.twofold.audit.entity.Actor;
import org.twofold.audit.entity.Outcome;
import org.twofold.crypto.control.SecretCodes;
import org.twofold.delivery.entity.Channel;
import org.twofold.crypto.control.SecretHasher;
import org.twofold.crypto.control.SecretPurpose;
import org.twofold.device.control.BoundDevice;
import org.twofold.device.control.DeviceRegistry;
import org.twofold.device.control.Enrollment;
import org.twofold.device.entity.BoundVia;
import org.twofold.device.entity.Device;
import org.twofold.identity.control.Identities;
import org.twofold.identity.entity.Identity;
import org.twofold.mail.control.MailOutbox;
import org.twofold.notification.control.Notifications;
import org.twofold.notification.entity.Notification;
import org.twofold.notification.entity.NotificationType;
import org.twofold.platform.control.Refusal;
import org.twofold.policy.control.EffectivePolicy;
import org.twofold.restore.entity.RestoreAttempt;

/** The two atomic steps of a restore, each one transaction. */
@ApplicationScoped
public class RestoreSteps {

    /** Open (mailed, not completed, not expired) restores per identity. */
    static final int MAX_OPEN_ATTEMPTS = 3;

    @PersistenceContext
    EntityManager em;

    @Inject
    RestoreCodeIssue codeIssue;

    @Inject
    Identities identities;

    @Inject
    DeviceRegistry devices;

    @Inject
    Notifications notifications;

    @Inject
    MailOutbox outbox;

    @Inject
    SecretCodes codes;

    @Inject
    SecretHasher hasher;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    /** The attempt and its OTP mail commit together: no attempt without its mail, no mail without its attempt. */
    @Transactional
    public StartedRestore mailOtp(Identity identity, EffectivePolicy policy, Actor actor) {
        Instant now = clock.instant();
        if (openAttempts(identity, now) >= MAX_OPEN_ATTEMPTS) {
            throw new Refusal(Refusal.Kind.TOO_MANY, "too-many-attempts", "Several restores were started and not"
                    + " completed; use a one-time code already mailed or try again in a few minutes");
        }
        String otp = codes.digits(Restores.OTP_DIGITS);
        RestoreAttempt attempt = new RestoreAttempt(identity.id(), hasher.hash(SecretPurpose.OTP, otp),
                actor.sourceAddress(), now, now.plus(Restores.OTP_VALIDITY));
        em.persist(attempt);
        String sentTo = switch (policy.otpChannel()) {
            case EMAIL -> {
                outbox.enqueue(identity.email(), RestoreMails.OTP_SUBJECT,
                        RestoreMails.otpBody(identity.user(), otp, Restores.OTP_VALIDITY));
                yield MaskedEmail.of(identity.email());
            }
        };
        audit.record(actor, "restore.start", Identities.target(identity), Outcome.SUCCESS,
                "one-time code sent via " + policy.otpChannel());
        return new StartedRestore(attempt.id(), sentTo, attempt.expiresAt());
    }

    /**
     * Uses the attempt up, binds the new device, wipes the old devices (when the policy wipes them and
     * keeping them was not asked for and allowed) and replaces the restore code — one transaction, so the
     * old devices are never gone without the new one bound. Old devices that stay count against the
     * policy's device limit; when it is reached nothing happens and the OTP stays usable.
     */
    @Transactional
    public RestoredDevice bindRestoredDevice(RestoreAttempt attempt, Identity identity, EffectivePolicy policy,
                                             NewDeviceKeyMaterial newDevice, boolean keepOldDevices,
                                             Optional<String> replacesDeviceId, Actor actor) {
        if (!completeOnce(attempt)) {
            throw Restores.invalidOtp();
        }
        List<Device> oldDevices = devices.activeDevicesOf(identity.id());
        boolean keep = keepOldDevices && policy.keepOldDevicesAllowed() && policy.duplicationAllowed() && !oldDevices.isEmpty();
        boolean wipe = !keep && policy.autoWipeOldDevices();
        long staying = wipe ? 0 : oldDevices.stream().filter(d -> !replacesDeviceId.filter(d.id()::equals).isPresent()).count();
        if (staying + 1 > policy.maxDevicesPerIdentity()) {
            throw Enrollment.tooManyDevices();
        }
        BoundDevice bound = devices.bind(identity.id(), newDevice.publicKey(), newDevice.deviceName(), newDevice.platform(),
                keep ? BoundVia.DUPLICATION_CODE : BoundVia.RESTORE);
        Notification announced = notifications.announce(identity.id(),
                keep ? NotificationType.DEVICE_DUPLICATED : NotificationType.DEVICE_RESTORED,
                bound.device().id(), newDevice.deviceName());
        if (wipe) {
            devices.wipeAllBut(identity.id(), bound.device().id(), announced.id(), identity.user(), actor);
        } else {
            // PIN reset while old devices stay: the phone's own stale binding goes, the others stay.
            replacesDeviceId.map(id -> devices.requireOwn(identity.id(), id)).filter(Device::isActive)
                    .ifPresent(stale -> devices.unpair(stale.id(), identity.user(), actor));
        }
        Channel channel = policy.restoreCodeDelivery();
        Optional<IssuedRestoreCode> code = codeIssue.replaceAfterUse(identity, channel, Optional.of(bound.device().id()), actor);
        boolean reactivated = identities.reactivateAfterRestore(identity.id());
        audit.record(actor, "restore.complete", DeviceRegistry.target(bound.device(), identity.user()), Outcome.SUCCESS,
                (keep ? "old devices kept" : wipe ? "old devices wiped" : "old devices stay (policy does not auto-wipe)")
                        + (keepOldDevices && !keep ? ", keeping them was asked for but not allowed" : "")
                        + (code.isPresent() ? ", new restore code via " + channel
                                : ", NO new restore code: " + channel + " cannot reach the user; restore is off")
                        + (reactivated ? ", identity reactivated" : ""));
        return new RestoredDevice(identity.user(), bound, code, channel, !wipe);
    }

    /**
     * Restores started and neither completed nor expired. A holder of the restore code could otherwise make the
     * appliance mail the user one-time codes without end (a right code is no failure for the attempt guard).
     */
    private long openAttempts(Identity identity, Instant now) {
        return em.createQuery("SELECT COUNT(a) FROM RestoreAttempt a WHERE a.identityId = :identity"
                        + " AND a.completedAt IS NULL AND a.expiresAt > :now", Long.class)
                .setParameter("identity", identity.id())
                .setParameter("now", now)
                .getSingleResult();
    }

    /** Single use even under fifty parallel submissions of the right OTP: one conditional update wins. */
    private boolean completeOnce(RestoreAttempt attempt) {
        Instant now = clock.instant();
        return em.createQuery("UPDATE RestoreAttempt a SET a.completedAt = :now"
                        + " WHERE a.id = :id AND a.completedAt IS NULL AND a.expiresAt > :now")
                .setParameter("now", now)
                .setParameter("id", attempt.id())
                .executeUpdate() == 1;
    }
}
