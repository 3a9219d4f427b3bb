package org.twofold.restore.control;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The one choke point for guesses at restore codes and OTPs, per user name and per source address.
 * Each attempt is admitted — and counted as a failure — in a transaction of its own, under a row lock
 * per subject, before the secret is looked at: the count survives the refusal of the request, and fifty
 * parallel guesses queue at the lock instead of getting fifty tries. Names that belong to nobody are
 * counted and locked exactly like real ones, so a lock tells nothing about who has an account.
 */
@ApplicationScoped
public class AttemptGuard {

    private static final Logger LOG = Logger.getLogger(AttemptGuard.class.getName());

    @Inject
    AttemptCounters counters;

    public static List<String> subjects(String canonicalUser, String sourceAddress) {
        return List.of("user:" + canonicalUser, "source:" + sourceAddress);
    }

    /** Admits one attempt for every subject, or none (false) when any of them is locked. */
    public boolean admit(List<String> subjects) {
        subjects.forEach(this::ensureCounter);
        return counters.admit(subjects);
    }

    /** The admitted attempt was right: its subjects start afresh. */
    public void succeeded(List<String> subjects) {
        counters.reset(subjects);
    }

    /**
     * The admitted attempt was right but is only a first step (a restore code before its OTP): it is not
     * counted, and the failures before it stay counted.
     */
    public void forgiveOne(List<String> subjects) {
        counters.forgiveOne(subjects);
    }

    /** An operator opens every lock of a user name. */
    public void unlock(String canonicalUser) {
        List<String> subject = List.of("user:" + canonicalUser);
        ensureCounter(subject.get(0));
        counters.reset(subject);
    }

    public boolean isLocked(String canonicalUser) {
        return counters.isLocked("user:" + canonicalUser);
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
