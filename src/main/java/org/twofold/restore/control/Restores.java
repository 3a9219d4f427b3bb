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
import org.twofold.crypto.control.SecretHasher;
import org.twofold.crypto.control.SecretPurpose;
import org.twofold.identity.control.Identities;
import org.twofold.identity.entity.Identity;
import org.twofold.identity.entity.IdentityStatus;
import org.twofold.platform.control.Refusal;
import org.twofold.policy.control.EffectivePolicies;
import org.twofold.policy.control.EffectivePolicy;
import org.twofold.restore.entity.RestoreAttempt;

/**
 * The two-step restore (promise 1): restore code → OTP by email → new device. Every refusal of step one
 * looks the same (unknown user, wrong code, restore off or prohibited) and costs the same work; every
 * guess passes the {@link AttemptGuard} first; the OTP belongs to one attempt and works once.
 * <p>
 * Deliberately not one transaction: the guard and the record of a refusal commit on their own (a
 * refusal must not roll them back), and no request ever holds two database connections at once.
 * What must be atomic — mailing the OTP, binding the new device — is in {@link RestoreSteps}.
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
    EffectivePolicies policies;

    @Inject
    Identities identities;

    @Inject
    RestoreSteps steps;

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
        // resolved for every name, right code or not, known or not: a prohibited restore costs what a wrong code costs
        EffectivePolicy policy = identity.map(policies::of).orElseGet(policies::beforeIdentification);
        boolean codeRight = restoreCodes.matches(identity.map(Identity::id), typedCode);
        Optional<Identity> restorable = identity.filter(i -> codeRight && i.status() != IdentityStatus.LOCKED
                && !i.directoryDisabled() && !i.directoryDeleted() && i.email() != null && policy.restoreAllowed());
        if (restorable.isEmpty()) {
            guard.failed(subjects);
            audit.recordRefusal(actor, "restore.start", "user:" + userKey, "invalid restore credentials");
            throw new Refusal(Refusal.Kind.INVALID, "invalid-restore-credentials",
                    "The user name or restore code is not right, or restore is not available");
        }
        // A right restore code is only half a restore: it is no failure, but the subjects start afresh only
        // when the restore completes. Starting afresh here would let a holder of the code guess OTPs without
        // end by starting again after every four wrong ones.
        guard.firstStepRight(subjects);
        return steps.mailOtp(restorable.get(), policy, actor);
    }

    /**
     * Step two. The new device is bound, the old devices are wiped (unless keeping them was asked for and
     * is allowed) and the restore code is replaced — all in one transaction ({@link RestoreSteps}), so the
     * old devices are never gone without the new one being bound.
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
        boolean otpRight = hasher.matches(SecretPurpose.OTP, otp, storedOtp) && attempt.isOpen(now);
        Optional<EffectivePolicy> policy = otpRight ? identity.map(policies::of) : Optional.empty();
        boolean right = policy.filter(EffectivePolicy::restoreAllowed).isPresent()
                && !restoreCodes.isLockedByBlock(identity.get().id())
                && restoreCodes.unchangedSince(identity.get().id(), attempt.createdAt());
        if (!right) {
            guard.failed(subjects);
            audit.recordRefusal(actor, "restore.complete", identity.map(Identities::target).orElse("restore:" + restoreId),
                    "invalid one-time code");
            throw invalidOtp();
        }
        RestoredDevice restored;
        try {
            restored = steps.bindRestoredDevice(attempt, identity.get(), policy.get(), newDevice, keepOldDevices,
                    replacesDeviceId, actor);
        } catch (Refusal refused) {
            if (refused.code().equals("invalid-otp")) {
                // the same OTP completed the restore a moment earlier in a parallel request
                guard.failed(subjects);
            } else {
                // a right OTP refused for another reason (the device limit): no guess, and the OTP stays usable
                guard.notCounted(subjects);
            }
            throw refused;
        } catch (RuntimeException failed) {
            guard.failed(subjects);
            throw failed;
        }
        guard.succeeded(subjects);
        return restored;
    }

    static Refusal invalidOtp() {
        return new Refusal(Refusal.Kind.INVALID, "invalid-otp", "The one-time code is not right or no longer valid");
    }

    static Refusal tooManyAttempts() {
        return new Refusal(Refusal.Kind.TOO_MANY, "too-many-attempts",
                "Too many failed attempts; restore is locked for a while");
    }
}
