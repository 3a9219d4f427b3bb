package org.twofold.restore.entity;

import java.time.Duration;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Guesses at restore codes and OTPs by one subject (a user name, or a source address). Every admitted
 * guess counts as a failure until it is proven right; five in a row lock the subject for 15 minutes,
 * doubling with each further lock; twenty without a success lock it until an operator unlocks it.
 */
@Entity
@Table(name = "attempt_counter")
public class AttemptCounter {

    public static final int FAILURES_PER_LOCK = 5;
    public static final int FAILURES_UNTIL_OPERATOR = 20;
    public static final Duration FIRST_LOCK = Duration.ofMinutes(15);

    @Id
    private String subject;

    @Column(name = "consecutive_failures")
    private int consecutiveFailures;

    @Column(name = "failures_since_success")
    private int failuresSinceSuccess;

    private int locks;

    @Column(name = "locked_until")
    private Instant lockedUntil;

    @Column(name = "locked_for_good")
    private boolean lockedForGood;

    protected AttemptCounter() {
    }

    public AttemptCounter(String subject) {
        this.subject = subject;
    }

    public boolean isLocked(Instant now) {
        return lockedForGood || (lockedUntil != null && now.isBefore(lockedUntil));
    }

    /**
     * Takes one attempt, counted as failed until {@link #reset()} says otherwise, so parallel guesses
     * cannot outrun the count. False when the subject is locked (nothing is counted then).
     */
    public boolean admit(Instant now) {
        if (isLocked(now)) {
            return false;
        }
        consecutiveFailures++;
        failuresSinceSuccess++;
        if (failuresSinceSuccess >= FAILURES_UNTIL_OPERATOR) {
            lockedForGood = true;
        } else if (consecutiveFailures >= FAILURES_PER_LOCK) {
            lockedUntil = now.plus(FIRST_LOCK.multipliedBy(1L << Math.min(locks, 16)));
            locks++;
            consecutiveFailures = 0;
        }
        return true;
    }

    /**
     * The admitted attempt was right (or an operator unlocks): the subject starts afresh, including a
     * lock that this very attempt's admission had set.
     */
    public void reset() {
        consecutiveFailures = 0;
        failuresSinceSuccess = 0;
        locks = 0;
        lockedUntil = null;
        lockedForGood = false;
    }

    /**
     * The admitted attempt was right but finished nothing yet (a right restore code, before the OTP): it is
     * no failure, yet it does not wipe out the failures before it — those may be guesses at the OTP, which
     * must not start over each time the restore is started again. Undoes a lock its own admission set.
     */
    public void forgiveOne() {
        if (failuresSinceSuccess == 0) {
            return;
        }
        failuresSinceSuccess--;
        if (lockedForGood) {
            lockedForGood = false;
            consecutiveFailures = Math.max(0, consecutiveFailures - 1);
        } else if (consecutiveFailures > 0) {
            consecutiveFailures--;
        } else if (locks > 0 && lockedUntil != null) {
            // this admission completed five failures and set the lock; without it there are four
            locks--;
            lockedUntil = null;
            consecutiveFailures = FAILURES_PER_LOCK - 1;
        }
    }

    public String subject() {
        return subject;
    }

    public int failuresSinceSuccess() {
        return failuresSinceSuccess;
    }

    public Instant lockedUntil() {
        return lockedUntil;
    }

    public boolean lockedForGood() {
        return lockedForGood;
    }
}
