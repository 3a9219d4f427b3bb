package org.twofold.operator.control;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.twofold.restore.control.AttemptCounters;
import org.twofold.restore.entity.AttemptCounter;
import org.twofold.restore.entity.FailureLimits;

/**
 * Password guesses at operator accounts and at users' directory passwords on the self-service panel, on the
 * same row-locked counters as restore-code guesses. Three counters, because one per name would let anyone who
 * knows a name keep its owner out:
 * <ul>
 * <li>a name from one address: 5 wrong passwords in a row lock that pair for 15 minutes, doubling — the
 * owner at another address is not affected;</li>
 * <li>an address: 20 in a row, for any names, lock the address (password spraying);</li>
 * <li>a name from anywhere: 50 in a row lock the name for at most an hour at a time (guessing spread over
 * many addresses).</li>
 * </ul>
 * A right password resets the counters it passed. Unknown names are counted and locked like real ones.
 * Nothing here locks for good: that would let an attacker shut the last administrator out until the
 * database is edited.
 */
@ApplicationScoped
public class SignInThrottle {

    private static final Logger LOG = Logger.getLogger(SignInThrottle.class.getName());
    static final FailureLimits PER_NAME_AND_SOURCE = new FailureLimits(5, Integer.MAX_VALUE);
    static final FailureLimits PER_SOURCE = new FailureLimits(20, Integer.MAX_VALUE);
    static final FailureLimits PER_NAME = new FailureLimits(50, Integer.MAX_VALUE, Duration.ofHours(1));

    @Inject
    AttemptCounters counters;

    @Inject
    Clock clock;

    /** The counters of one sign-in attempt; operators and users are counted apart. */
    public record Subjects(String nameAtSource, String source, String name) {
        public static Subjects of(String operatorName, String sourceAddress) {
            return of("operator", operatorName, sourceAddress);
        }

        public static Subjects ofUser(String user, String sourceAddress) {
            return of("self", user, sourceAddress);
        }

        private static Subjects of(String kind, String name, String sourceAddress) {
            String lowerName = name.strip().toLowerCase(Locale.ROOT);
            return new Subjects(kind + ":" + lowerName + "@" + sourceAddress, kind + "-source:" + sourceAddress,
                    kind + ":" + lowerName);
        }

        private Map<String, FailureLimits> limits() {
            return Map.of(nameAtSource, PER_NAME_AND_SOURCE, source, PER_SOURCE, name, PER_NAME);
        }
    }

    /** Takes a place for one password check, or refuses (false) while any of the three counters is locked. */
    public boolean admit(Subjects subjects) {
        List<String> admitted = new ArrayList<>();
        for (Map.Entry<String, FailureLimits> counter : new TreeMap<>(subjects.limits()).entrySet()) {
            ensureCounter(counter.getKey());
            if (!admit(counter.getKey(), counter.getValue())) {
                if (!admitted.isEmpty()) {
                    counters.update(admitted, AttemptCounter::firstStepRight);
                }
                return false;
            }
            admitted.add(counter.getKey());
        }
        return true;
    }

    public void failed(Subjects subjects) {
        subjects.limits().forEach((subject, limits) ->
                counters.update(List.of(subject), counter -> counter.failed(clock.instant(), limits)));
    }

    /** The admitted check could not be made (the directory did not answer): nothing is counted. */
    public void released(Subjects subjects) {
        counters.update(List.copyOf(subjects.limits().keySet()), AttemptCounter::firstStepRight);
    }

    public void succeeded(Subjects subjects) {
        counters.update(List.copyOf(subjects.limits().keySet()), AttemptCounter::succeeded);
    }

    /** A new password opens every lock of the operator's name, from any address. */
    public void unlockName(String operatorName) {
        Subjects subjects = Subjects.of(operatorName, "");
        counters.unlockAll(subjects.name(), subjects.name() + "@");
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
