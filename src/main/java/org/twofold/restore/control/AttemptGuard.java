package org.twofold.restore.control;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.twofold.policy.control.EffectivePolicies;
import org.twofold.policy.control.EffectivePolicy;
import org.twofold.restore.entity.AttemptCounter;
import org.twofold.restore.entity.FailureLimits;

/**
 * The one choke point for guesses at restore codes and OTPs, per user name and per source address.
 * Each attempt takes a place in a transaction of its own, under a row lock per subject, before the secret
 * is looked at, and its outcome is recorded in another: counts survive the refusal of the request, and
 * fifty parallel guesses queue at the lock instead of getting fifty checks. Names that belong to nobody are
 * counted and locked exactly like real ones, so a lock tells nothing about who has an account.
 */
@ApplicationScoped
public class AttemptGuard {

    private static final Logger LOG = Logger.getLogger(AttemptGuard.class.getName());

    @Inject
    AttemptCounters counters;

    @Inject
    EffectivePolicies policies;

    @Inject
    Clock clock;

    public static List<String> subjects(String canonicalUser, String sourceAddress) {
        return List.of("user:" + canonicalUser, "source:" + sourceAddress);
    }

    /** Admits one attempt for every subject, or none (false) while any of them is locked or busy. */
    public boolean admit(List<String> subjects) {
        subjects.forEach(this::ensureCounter);
        try {
            return counters.admit(subjects, limits());
        } catch (AttemptCounters.NotAdmitted refused) {
            return false;
        }
    }

    /** The admitted attempt was wrong. */
    public void failed(List<String> subjects) {
        Instant now = clock.instant();
        FailureLimits limits = limits();
        counters.update(subjects, counter -> counter.failed(now, limits));
    }

    /**
     * The admitted attempt was right but is only a first step (a restore code before its OTP): it is not
     * counted, and the failures before it stay counted.
     */
    public void firstStepRight(List<String> subjects) {
        counters.update(subjects, AttemptCounter::firstStepRight);
    }

    /** The admitted attempt was right but refused for another reason (e.g. a device limit): nothing is counted. */
    public void notCounted(List<String> subjects) {
        counters.update(subjects, AttemptCounter::firstStepRight);
    }

    /** The admitted attempt completed a restore: its subjects start afresh. */
    public void succeeded(List<String> subjects) {
        counters.update(subjects, AttemptCounter::succeeded);
    }

    /** An operator opens every lock of a user name. */
    public void unlock(String canonicalUser) {
        String subject = "user:" + canonicalUser;
        ensureCounter(subject);
        counters.update(List.of(subject), AttemptCounter::unlock);
    }

    public boolean isLocked(String canonicalUser) {
        return counters.isLocked("user:" + canonicalUser);
    }

    /** The default policy's limits, the same for every name: per-group limits would tell which names exist. */
    private FailureLimits limits() {
        EffectivePolicy policy = policies.beforeIdentification();
        return new FailureLimits(policy.failuresBeforeLock(), policy.failuresBeforeOperatorLock());
    }

    private void ensureCounter(String subject) {
        try {
            counters.create(subject);
        } catch (RuntimeException createdMeanwhile) {
            // another request inserted the row a moment ago; it exists now, which is all we need
            LOG.log(Level.FINE, "attempt counter created concurrently: " + subject, createdMeanwhile);
        }
    }
}
