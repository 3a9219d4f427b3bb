package org.twofold.operator.control;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.twofold.restore.control.AttemptCounters;
import org.twofold.restore.entity.AttemptCounter;
import org.twofold.restore.entity.FailureLimits;

/**
 * Password guesses at operator accounts and at users' directory passwords on the self-service panel, per
 * name and per source address, on the same row-locked
 * counters as restore-code guesses: five wrong passwords in a row for a name, or twenty from an address
 * (many operators may sit behind one address), lock it for 15 minutes, doubling with every further lock,
 * until a right password resets it. Unknown names are counted and locked like real ones. Operators are
 * never locked for good: that would let anyone who knows an operator's name shut the last administrator
 * out until the database is edited.
 */
@ApplicationScoped
public class SignInThrottle {

    private static final Logger LOG = Logger.getLogger(SignInThrottle.class.getName());
    static final FailureLimits PER_NAME = new FailureLimits(5, Integer.MAX_VALUE);
    static final FailureLimits PER_SOURCE = new FailureLimits(20, Integer.MAX_VALUE);

    @Inject
    AttemptCounters counters;

    @Inject
    Clock clock;

    /** The counters of one sign-in attempt; operators and users are counted apart. */
    public record Subjects(String name, String source) {
        public static Subjects of(String operatorName, String sourceAddress) {
            return new Subjects("operator:" + operatorName.toLowerCase(Locale.ROOT), "operator-source:" + sourceAddress);
        }

        public static Subjects ofUser(String user, String sourceAddress) {
            return new Subjects("self:" + user.toLowerCase(Locale.ROOT), "self-source:" + sourceAddress);
        }
    }

    /** Takes a place for one password check, or refuses (false) while the name or the address is locked. */
    public boolean admit(Subjects subjects) {
        ensureCounter(subjects.name());
        ensureCounter(subjects.source());
        if (!admit(subjects.name(), PER_NAME)) {
            return false;
        }
        if (!admit(subjects.source(), PER_SOURCE)) {
            counters.update(List.of(subjects.name()), AttemptCounter::firstStepRight);
            return false;
        }
        return true;
    }

    public void failed(Subjects subjects) {
        counters.update(List.of(subjects.name()), counter -> counter.failed(clock.instant(), PER_NAME));
        counters.update(List.of(subjects.source()), counter -> counter.failed(clock.instant(), PER_SOURCE));
    }

    /** The admitted check could not be made (the directory did not answer): nothing is counted. */
    public void released(Subjects subjects) {
        counters.update(List.of(subjects.name(), subjects.source()), AttemptCounter::firstStepRight);
    }

    public void succeeded(Subjects subjects) {
        counters.update(List.of(subjects.name(), subjects.source()), AttemptCounter::succeeded);
    }

    /** An administrator set a new password: the name's lock would only keep its rightful owner out. */
    public void unlockName(String operatorName) {
        String subject = Subjects.of(operatorName, "").name();
        ensureCounter(subject);
        counters.update(List.of(subject), AttemptCounter::unlock);
    }

    private boolean admit(String subject, FailureLimits limits) {
        try {
            return counters.admit(List.of(subject), limits);
        } catch (AttemptCounters.NotAdmitted refused) {
            return false;
        }
    }

    private void ensureCounter(String subject) {
        try {
            counters.create(subject);
        } catch (RuntimeException createdMeanwhile) {
            LOG.log(Level.FINE, "sign-in counter created concurrently: " + subject, createdMeanwhile);
        }
    }
}
