package org.twofold.restore.entity;

import java.time.Duration;

/**
 * How many failed guesses a subject gets: {@code perLock} in a row lock it for 15 minutes (doubling with
 * every lock), {@code untilOperator} without a completed restore lock it until an operator unlocks it.
 * Set in the default restore policy; operator and self-service sign-ins bound the lock's length.
 */
public record FailureLimits(int perLock, int untilOperator, Duration longestLock) {

    public FailureLimits {
        if (perLock < 1 || untilOperator <= perLock) {
            throw new IllegalArgumentException("Failure limits need 1 <= perLock < untilOperator");
        }
    }

    /** Locks double without a bound other than the counter's own. */
    public FailureLimits(int perLock, int untilOperator) {
        this(perLock, untilOperator, null);
    }

    /** How long the {@code locks}-th lock (from 0) lasts: 15 minutes, doubling, at most {@code longestLock}. */
    public Duration lock(int locks) {
        Duration doubled = AttemptCounter.FIRST_LOCK.multipliedBy(1L << Math.min(locks, 16));
        return longestLock != null && doubled.compareTo(longestLock) > 0 ? longestLock : doubled;
    }
}
