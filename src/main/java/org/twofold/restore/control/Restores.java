package org.twofold.restore.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.twofold.audit.control.AuditTrail;
import org.twofold.audit.entity.Actor;
import org.twofold.audit.entity.Outcome;
import org.twofold.crypto.control.SecretCodes;
import org.twofold.crypto.control.SecretHasher;
import org.twofold.crypto.control.SecretPurpose;
import org.twofold.device.control.BoundDevice;
import org.twofold.device.control.DeviceRegistry;
import org.twofold.device.entity.BoundVia;
import org.twofold.identity.control.Identities;
import org.twofold.identity.entity.Identity;
import org.twofold.identity.entity.IdentityStatus;
import org.twofold.mail.control.MailOutbox;
import org.twofold.notification.control.Notifications;
import org.twofold.notification.entity.Notification;
import org.twofold.notification.entity.NotificationType;
import org.twofold.platform.control.Refusal;
import org.twofold.restore.entity.RestoreAttempt;

/**
 * The two-step restore (promise 1): restore code → OTP by email → new device. Every refusal of step one
 * looks the same (unknown user, wrong code, restore off or prohibited) and costs the same work; every
 * guess passes the {@link AttemptGuard} first; the OTP belongs to one attempt and works once.
 */
@ApplicationScoped
public class Restores {

    static final Duration OTP_VALIDITY = Duration.ofMinutes(10);
    static final int OTP_DIGITS = 8;
    private static final String NO_OTP = "no-otp";

    @PersistenceContext
    EntityManager em;

    @Inject
    AttemptGuard guard;

    @Inject
    RestoreCodes restoreCodes;

    @Inject
    RestoreRules rules;

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

    public StartedRestore start(String typedUser, String typedCode, Actor actor) {
        String userKey = typedUser.strip().toLowerCase(Locale.ROOT);
        List<String> subjects = AttemptGuard.subjects(userKey, actor.sourceAddress());
        if (!guard.admit(subjects)) {
            throw tooManyAttempts();
        }
        Optional<Identity> identity = identities.find(typedUser);
        boolean codeRight = restoreCodes.matches(identity.map(Identity::id), typedCode);
        Optional<Identity> restorable = identity.filter(i -> codeRight && i.status() != IdentityStatus.LOCKED
                && i.email() != null && rules.restoreAllowed(i.id()));
        if (restorable.isEmpty()) {
            audit.recordRefusal(actor, "restore.start", "user:" + userKey, "invalid restore credentials");
            throw new Refusal(Refusal.Kind.INVALID, "invalid-restore-credentials",
                    "The user name or restore code is not right, or restore is not available");
        }
        // A right restore code is only half a restore: it is no failure, but the subjects start afresh only
        // when the restore completes. Starting afresh here would let a holder of the code guess OTPs without
        // end by starting again after every four wrong ones.
        guard.forgiveOne(subjects);
        Identity found = restorable.get();
        String otp = codes.digits(OTP_DIGITS);
        Instant now = clock.instant();
        RestoreAttempt attempt = new RestoreAttempt(found.id(), hasher.hash(SecretPurpose.OTP, otp),
                actor.sourceAddress(), now, now.plus(OTP_VALIDITY));
        em.persist(attempt);
        outbox.enqueue(found.email(), RestoreMails.OTP_SUBJECT, RestoreMails.otpBody(found.user(), otp, OTP_VALIDITY));
        audit.record(actor, "restore.start", Identities.target(found), Outcome.SUCCESS, "one-time code mailed");
        return new StartedRestore(attempt.id(), MaskedEmail.of(found.email()), attempt.expiresAt());
    }

    /**
     * Step two. The new device is bound, the old devices are wiped (unless keeping them was asked for and
     * is allowed) and the restore code is replaced — all in the caller's one transaction, so the old
     * devices are never gone without the new one being bound.
     */
    public RestoredDevice complete(String restoreId, String otp, NewDeviceKeyMaterial newDevice, boolean keepOldDevices,
                                   Optional<String> replacesDeviceId, Actor actor) {
        RestoreAttempt attempt = em.find(RestoreAttempt.class, restoreId);
        Optional<Identity> identity = Optional.ofNullable(attempt).map(a -> identities.byId(a.identityId()));
        List<String> subjects = identity.map(i -> AttemptGuard.subjects(i.user(), actor.sourceAddress()))
                .orElse(List.of("source:" + actor.sourceAddress()));
        if (!guard.admit(subjects)) {
            throw tooManyAttempts();
        }
        Instant now = clock.instant();
        String storedOtp = attempt == null ? NO_OTP : attempt.otpHash();
        boolean right = hasher.matches(SecretPurpose.OTP, otp, storedOtp) && attempt.isOpen(now)
                && identity.filter(i -> rules.restoreAllowed(i.id()) && !restoreCodes.isLockedByBlock(i.id())
                        && restoreCodes.unchangedSince(i.id(), attempt.createdAt())).isPresent();
        if (!right || !completeOnce(attempt, now)) {
            audit.recordRefusal(actor, "restore.complete", identity.map(Identities::target).orElse("restore:" + restoreId),
                    "invalid one-time code");
            throw new Refusal(Refusal.Kind.INVALID, "invalid-otp", "The one-time code is not right or no longer valid");
        }
        guard.succeeded(subjects);
        return bindRestoredDevice(identity.get(), newDevice, keepOldDevices, replacesDeviceId, actor);
    }

    private RestoredDevice bindRestoredDevice(Identity identity, NewDeviceKeyMaterial newDevice, boolean keepOldDevices,
                                              Optional<String> replacesDeviceId, Actor actor) {
        boolean keep = keepOldDevices && rules.keepOldDevicesAllowed(identity.id()) && devices.hasActiveDevice(identity.id());
        BoundDevice bound = devices.bind(identity.id(), newDevice.publicKey(), newDevice.deviceName(), newDevice.platform(),
                keep ? BoundVia.DUPLICATION_CODE : BoundVia.RESTORE);
        Notification announced = notifications.announce(identity.id(),
                keep ? NotificationType.DEVICE_DUPLICATED : NotificationType.DEVICE_RESTORED,
                bound.device().id(), newDevice.deviceName());
        if (keep) {
            // PIN reset on a kept-devices restore: the phone's own stale binding goes, the others stay.
            replacesDeviceId.map(id -> devices.requireOwn(identity.id(), id)).filter(d -> d.isActive())
                    .ifPresent(stale -> devices.unpair(stale.id(), identity.user(), actor));
        } else {
            devices.wipeAllBut(identity.id(), bound.device().id(), announced.id(), identity.user(), actor);
        }
        String code = restoreCodes.issue(identity.id(), bound.device().id());
        boolean reactivated = identities.reactivateAfterRestore(identity.id());
        audit.record(actor, "restore.complete", DeviceRegistry.target(bound.device(), identity.user()), Outcome.SUCCESS,
                (keep ? "old devices kept" : "old devices wiped") + (reactivated ? ", identity reactivated" : ""));
        return new RestoredDevice(identity.user(), bound,
                new IssuedRestoreCode(identity.user(), code, rules.restoreCodeDelivery(identity.id())));
    }

    /** Single use even under fifty parallel submissions of the right OTP: one conditional update wins. */
    private boolean completeOnce(RestoreAttempt attempt, Instant now) {
        return em.createQuery("UPDATE RestoreAttempt a SET a.completedAt = :now"
                        + " WHERE a.id = :id AND a.completedAt IS NULL AND a.expiresAt > :now")
                .setParameter("now", now)
                .setParameter("id", attempt.id())
                .executeUpdate() == 1;
    }

    static Refusal tooManyAttempts() {
        return new Refusal(Refusal.Kind.TOO_MANY, "too-many-attempts",
                "Too many failed attempts; restore is locked for a while");
    }
}
