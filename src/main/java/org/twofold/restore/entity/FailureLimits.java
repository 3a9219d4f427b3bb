package org.twofold.restore.entity;

/**
 * How many failed guesses a subject gets: {@code perLock} in a row lock it for 15 minutes (doubling with
 * every lock), {@code untilOperator} without a completed restore lock it until an operator unlocks it.
 * Set in the default restore policy.
 */
public record FailureLimits(int perLock, int untilOperator) {

    public FailureLimits {
        if (perLock < 1 || untilOperator <= perLock) {
            throw new IllegalArgumentException("Failure limits need 1 <= perLock < untilOperator");
        }
    }
}
