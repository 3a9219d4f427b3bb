package org.twofold.restore.entity;

import java.time.Duration;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Guesses at restore codes and OTPs by one subject (a user name, or a source address). Five failures in a
 * row lock the subject for 15 minutes, doubling with each further lock; twenty without a success lock it
 * until an operator unlocks it. Attempts being checked right now count against both limits, so that
 * fifty parallel guesses get no more than five checks; unlike failures they never lock, so several users
 * behind one address restoring at the same moment are not shut out for good.
 */
@Entity
@Table(name = "attempt_counter")
public class AttemptCounter {

    public static final Duration FIRST_LOCK = Duration.ofMinutes(15);
    /** An attempt still "being checked" after this long died with its node; it no longer holds a place. */
    public static final Duration IN_FLIGHT_LIMIT = Duration.ofMinutes(1);

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

    @Column(name = "in_flight")
    private int inFlight;

    @Column(name = "in_flight_since")
    private Instant inFlightSince;

    protected AttemptCounter() {
    }

    public AttemptCounter(String subject) {
        this.subject = subject;
    }

    public boolean isLocked(Instant now) {
        return lockedForGood || (lockedUntil != null && now.isBefore(lockedUntil));
    }

    /**
     * Takes a place for one attempt. False — and nothing is counted — while the subject is locked or while
     * the attempts already being checked could complete a lock.
     */
    public boolean admit(Instant now, FailureLimits limits) {
        if (inFlight > 0 && inFlightSince.plus(IN_FLIGHT_LIMIT).isBefore(now)) {
            inFlight = 0;
        }
        if (isLocked(now) || consecutiveFailures + inFlight >= limits.perLock()
                || failuresSinceSuccess + inFlight >= limits.untilOperator()) {
            return false;
        }
        inFlight++;
        inFlightSince = now;
        return true;
    }

    /** The admitted attempt was wrong. */
    public void failed(Instant now, FailureLimits limits) {
        land();
        consecutiveFailures++;
        failuresSinceSuccess++;
        if (failuresSinceSuccess >= limits.untilOperator()) {
            lockedForGood = true;
        } else if (consecutiveFailures >= limits.perLock()) {
            lockedUntil = now.plus(limits.lock(locks));
            locks++;
            consecutiveFailures = 0;
        }
    }

    /**
     * The admitted attempt was right but finished nothing yet (a right restore code, before the OTP): no
     * failure, yet the failures before it stay — they may be guesses at the OTP, which must not start over
     * each time the restore is started again.
     */
    public void firstStepRight() {
        land();
    }

    /** The admitted attempt completed a restore: the subject starts afresh. */
    public void succeeded() {
        land();
        consecutiveFailures = 0;
        failuresSinceSuccess = 0;
        locks = 0;
        lockedUntil = null;
    }

    /** An operator opens every lock; attempts under way keep their places. */
    public void unlock() {
        consecutiveFailures = 0;
        failuresSinceSuccess = 0;
        locks = 0;
        lockedUntil = null;
        lockedForGood = false;
    }

    private void land() {
        inFlight = Math.max(0, inFlight - 1);
    }

    public String subject() {
        return subject;
    }

    public int failuresSinceSuccess() {
        return failuresSinceSuccess;
    }

    public int inFlight() {
        return inFlight;
    }

    public Instant lockedUntil() {
        return lockedUntil;
    }

    public boolean lockedForGood() {
        return lockedForGood;
    }
}
