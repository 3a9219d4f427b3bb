package org.twofold.restore.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/**
 * The attempt guard's rules on a simulated clock — what integration tests cannot wait for: 15 minutes after
 * five failures, doubling with each further lock, a lock for good after 20 failures without a success, and
 * attempts being checked counting against the limits without ever locking.
 */
class AttemptCounterTest {

    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
    /** the default policy's limits */
    private static final FailureLimits LIMITS = new FailureLimits(5, 20);

    private final AttemptCounter counter = new AttemptCounter("user:jdoe");

    @Test
    void aNewCounterIsOpenAndEmpty() {
        assertFalse(counter.isLocked(T0));
        assertEquals(0, counter.failuresSinceSuccess());
        assertEquals(0, counter.inFlight());
        assertNull(counter.lockedUntil());
        assertFalse(counter.lockedForGood());
    }

    @Test
    void anAdmittedAttemptHoldsAPlaceAndCountsOnlyWhenItFails() {
        assertTrue(counter.admit(T0, LIMITS));
        assertEquals(1, counter.inFlight());
        assertEquals(0, counter.failuresSinceSuccess());
        counter.failed(T0, LIMITS);
        assertEquals(0, counter.inFlight());
        assertEquals(1, counter.failuresSinceSuccess());
    }

    @Test
    void fiveFailuresInARowLockForFifteenMinutes() {
        Instant fifth = fail(4, T0).plusSeconds(1);
        assertFalse(counter.isLocked(fifth));
        assertTrue(counter.admit(fifth, LIMITS), "the fifth attempt is still checked");
        counter.failed(fifth, LIMITS);
        assertTrue(counter.isLocked(fifth));
        assertEquals(fifth.plus(Duration.ofMinutes(15)), counter.lockedUntil());
        assertTrue(counter.isLocked(fifth.plus(Duration.ofMinutes(15)).minusMillis(1)));
        assertFalse(counter.isLocked(fifth.plus(Duration.ofMinutes(15))));
    }

    @Test
    void parallelAttemptsGetNoMoreChecksThanTheLimitLeaves() {
        for (int i = 0; i < LIMITS.perLock(); i++) {
            assertTrue(counter.admit(T0, LIMITS), "attempt " + (i + 1) + " of five in flight");
        }
        for (int i = 0; i < 45; i++) {
            assertFalse(counter.admit(T0, LIMITS), "a sixth parallel attempt could complete a lock: refused");
        }
        assertFalse(counter.isLocked(T0), "attempts in flight never lock by themselves");
        assertEquals(0, counter.failuresSinceSuccess(), "refused attempts are not counted");
        for (int i = 0; i < LIMITS.perLock(); i++) {
            counter.failed(T0, LIMITS);
        }
        assertTrue(counter.isLocked(T0), "the five checked guesses were wrong: locked");
    }

    @Test
    void failuresSoFarLeaveRoomForTheRestOnly() {
        fail(3, T0);
        assertTrue(counter.admit(T0, LIMITS));
        assertTrue(counter.admit(T0, LIMITS));
        assertFalse(counter.admit(T0, LIMITS), "three failures and two in flight fill the five");
        counter.firstStepRight();
        assertTrue(counter.admit(T0, LIMITS), "a landed attempt frees its place");
    }

    @Test
    void rightAttemptsFromOneAddressNeverLockIt() {
        for (int round = 0; round < 100; round++) {
            for (int i = 0; i < 5; i++) {
                assertTrue(counter.admit(T0.plusSeconds(round), LIMITS));
            }
            for (int i = 0; i < 5; i++) {
                if (i % 2 == 0) {
                    counter.firstStepRight();
                } else {
                    counter.succeeded();
                }
            }
        }
        assertFalse(counter.isLocked(T0.plusSeconds(100)));
        assertEquals(0, counter.inFlight());
    }

    @Test
    void aLockedCounterAdmitsNothingUntilTheLockEnds() {
        Instant locked = fail(5, T0);
        Instant until = counter.lockedUntil();
        assertFalse(counter.admit(locked, LIMITS));
        assertFalse(counter.admit(until.minusMillis(1), LIMITS));
        assertEquals(5, counter.failuresSinceSuccess());
        assertTrue(counter.admit(until, LIMITS), "checked again once the lock has run out");
    }

    @Test
    void eachFurtherLockLastsTwiceAsLong() {
        Instant t = T0;
        for (Duration expected : new Duration[] {Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofMinutes(60)}) {
            Instant last = fail(5, t);
            assertEquals(last.plus(expected), counter.lockedUntil());
            t = counter.lockedUntil();
        }
    }

    @Test
    void twentyFailuresWithoutASuccessLockUntilAnOperatorUnlocks() {
        Instant t = T0;
        for (int lock = 0; lock < 3; lock++) {
            fail(5, t);
            t = counter.lockedUntil();
        }
        t = fail(4, t);
        assertFalse(counter.isLocked(t), "19 failures");
        assertTrue(counter.admit(t, LIMITS), "the twentieth is still checked");
        counter.failed(t, LIMITS);
        assertTrue(counter.lockedForGood());
        assertTrue(counter.isLocked(t.plus(Duration.ofDays(3650))), "no waiting opens it");
        assertFalse(counter.admit(t.plus(Duration.ofDays(3650)), LIMITS));

        counter.unlock();
        assertFalse(counter.isLocked(t));
        Instant after = fail(5, t);
        assertEquals(after.plus(Duration.ofMinutes(15)), counter.lockedUntil(), "locks start at 15 min again");
    }

    @Test
    void aRightFirstStepIsNoFailureButForgivesNone() {
        fail(4, T0);
        assertTrue(counter.admit(T0, LIMITS));
        counter.firstStepRight();
        assertFalse(counter.isLocked(T0));
        assertEquals(4, counter.failuresSinceSuccess(), "the OTP guesses before stay counted");
        fail(1, T0);
        assertTrue(counter.isLocked(T0), "the next wrong OTP is the fifth failure");
    }

    @Test
    void aCompletedRestoreStartsAfresh() {
        Instant t = fail(5, T0);
        t = counter.lockedUntil();
        fail(4, t);
        assertTrue(counter.admit(t, LIMITS));
        counter.succeeded();
        assertEquals(0, counter.failuresSinceSuccess());
        assertNull(counter.lockedUntil());
        Instant next = fail(5, t);
        assertEquals(next.plus(Duration.ofMinutes(15)), counter.lockedUntil(), "no doubling after a success");
    }

    @Test
    void anAttemptLeftInFlightByADeadNodeIsForgottenAfterAMinute() {
        for (int i = 0; i < 5; i++) {
            assertTrue(counter.admit(T0, LIMITS));
        }
        assertFalse(counter.admit(T0.plusSeconds(59), LIMITS));
        assertTrue(counter.admit(T0.plus(AttemptCounter.IN_FLIGHT_LIMIT).plusMillis(1), LIMITS));
        assertEquals(1, counter.inFlight());
    }

    @Test
    void unlockKeepsThePlacesOfAttemptsUnderWay() {
        assertTrue(counter.admit(T0, LIMITS));
        fail(4, T0);
        counter.unlock();
        assertEquals(1, counter.inFlight());
        counter.failed(T0, LIMITS);
        assertEquals(0, counter.inFlight());
        assertEquals(1, counter.failuresSinceSuccess());
    }

    @Test
    void theLockDurationDoesNotOverflowForAnyNumberOfLocks() throws ReflectiveOperationException {
        Field locks = AttemptCounter.class.getDeclaredField("locks");
        locks.setAccessible(true);
        locks.setInt(counter, Integer.MAX_VALUE - 1);
        Instant last = fail(5, T0);
        assertTrue(counter.lockedUntil().isAfter(last.plus(Duration.ofDays(365))), "a very long lock, not a wrapped one");
    }

    /** {@code n} wrong guesses one second apart from {@code from}; answers the time of the last. */
    private Instant fail(int n, Instant from) {
        Instant t = from;
        for (int i = 0; i < n; i++) {
            t = from.plusSeconds(i);
            assertTrue(counter.admit(t, LIMITS), "guess " + (i + 1) + " is checked");
            counter.failed(t, LIMITS);
        }
        return t;
    }
}
