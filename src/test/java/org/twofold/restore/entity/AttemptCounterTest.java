package org.twofold.restore.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/**
 * The lock rules of the attempt guard on a simulated clock — what the integration tests cannot wait for:
 * 15 minutes after five failures, doubling with each further lock, and after 20 failures without a success
 * a lock that no waiting opens (only an operator's reset).
 */
class AttemptCounterTest {

    private static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");

    @Test
    void fiveFailuresLockForFifteenMinutes() {
        AttemptCounter counter = new AttemptCounter("user:jdoe");
        for (int i = 0; i < 4; i++) {
            assertTrue(counter.admit(T0));
            assertFalse(counter.isLocked(T0), "not locked after " + (i + 1) + " failures");
        }
        assertTrue(counter.admit(T0), "the fifth attempt is still evaluated");
        assertTrue(counter.isLocked(T0));
        assertFalse(counter.admit(T0.plusSeconds(1)), "locked: the sixth is not admitted");
        assertEquals(5, counter.failuresSinceSuccess(), "a refused attempt is not counted");
        assertTrue(counter.isLocked(T0.plus(Duration.ofMinutes(15)).minusMillis(1)));
        assertFalse(counter.isLocked(T0.plus(Duration.ofMinutes(15))));
    }

    @Test
    void eachFurtherLockDoublesAndTwentyFailuresLockUntilAnOperatorResets() {
        AttemptCounter counter = new AttemptCounter("source:10.1.2.3");
        Instant now = T0;
        Duration[] expected = {Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofMinutes(60)};
        for (Duration lock : expected) {
            for (int i = 0; i < 5; i++) {
                assertTrue(counter.admit(now));
            }
            assertEquals(now.plus(lock), counter.lockedUntil(), "lock after " + counter.failuresSinceSuccess() + " failures");
            assertFalse(counter.admit(now.plus(lock).minusSeconds(1)));
            now = now.plus(lock);
        }
        for (int i = 0; i < 4; i++) {
            assertTrue(counter.admit(now));
        }
        assertFalse(counter.isLocked(now), "19 failures: not locked");
        assertTrue(counter.admit(now), "the twentieth attempt is still evaluated");
        assertEquals(20, counter.failuresSinceSuccess());
        assertTrue(counter.lockedForGood(), "the twentieth failure locks for good");
        assertTrue(counter.isLocked(now.plus(Duration.ofDays(3650))), "no waiting opens it");
        assertFalse(counter.admit(now.plus(Duration.ofDays(3650))));

        counter.reset();
        assertFalse(counter.isLocked(now));
        assertEquals(0, counter.failuresSinceSuccess());
        assertNull(counter.lockedUntil());
        for (int i = 0; i < 5; i++) {
            assertTrue(counter.admit(now));
        }
        assertEquals(now.plus(Duration.ofMinutes(15)), counter.lockedUntil(), "after an operator's reset locks start at 15 min again");
    }

    @Test
    void aSuccessStartsAfresh() {
        AttemptCounter counter = new AttemptCounter("user:jdoe");
        for (int i = 0; i < 4; i++) {
            counter.admit(T0);
        }
        counter.reset();
        for (int i = 0; i < 4; i++) {
            assertTrue(counter.admit(T0));
        }
        assertFalse(counter.isLocked(T0), "four failures after a success do not lock");
    }
    @Test
    void aRightFirstStepIsNoFailureButForgivesNoEarlierOne() {
        AttemptCounter counter = new AttemptCounter("user:jdoe");
        for (int i = 0; i < 20; i++) {
            assertTrue(counter.admit(T0), "right restore codes alone never lock");
            counter.forgiveOne();
        }
        assertEquals(0, counter.failuresSinceSuccess());
        for (int i = 0; i < 4; i++) {
            counter.admit(T0);
        }
        counter.admit(T0);
        counter.forgiveOne();
        assertFalse(counter.isLocked(T0), "the fifth attempt was the right code: four failures, no lock");
        assertEquals(4, counter.failuresSinceSuccess());
        assertTrue(counter.admit(T0));
        assertTrue(counter.isLocked(T0), "the next failure is the fifth");
        assertEquals(T0.plus(Duration.ofMinutes(15)), counter.lockedUntil(), "the first lock, not a doubled one");
    }

    @Test
    void aRightFirstStepAtTheTwentiethAttemptUndoesTheLockForGood() {
        AttemptCounter counter = new AttemptCounter("user:jdoe");
        Instant now = T0;
        for (int lock = 0; lock < 3; lock++) {
            for (int i = 0; i < 5; i++) {
                counter.admit(now);
            }
            now = counter.lockedUntil();
        }
        for (int i = 0; i < 4; i++) {
            counter.admit(now);
        }
        counter.admit(now);
        assertTrue(counter.lockedForGood());
        counter.forgiveOne();
        assertFalse(counter.isLocked(now));
        assertEquals(19, counter.failuresSinceSuccess());
        counter.admit(now);
        assertTrue(counter.lockedForGood(), "the next failure is the twentieth");
    }
}
