package org.twofold.restore.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/**
 * The guess counter of one subject: every admitted attempt counts as a failure, five in a row lock for
 * 15 min (then 30, 60 …), twenty without a success lock for good; a success starts afresh.
 */
class AttemptCounterTest {

    private static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");

    private static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");

    private final AttemptCounter counter = new AttemptCounter("user:jdoe");

    @Test
    void aNewCounterIsOpenAndEmpty() {
        assertEquals("user:jdoe", counter.subject());
        assertEquals(0, counter.failuresSinceSuccess());
        assertNull(counter.lockedUntil());
        assertFalse(counter.lockedForGood());
        assertFalse(counter.isLocked(NOW));
    }

    @Test
    void everyAdmittedAttemptCountsAsAFailure() {
        for (int i = 1; i < AttemptCounter.FAILURES_PER_LOCK; i++) {
            assertTrue(counter.admit(NOW.plusSeconds(i)), "attempt " + i);
            assertEquals(i, counter.failuresSinceSuccess());
            assertFalse(counter.isLocked(NOW.plusSeconds(i)), "not yet locked after " + i);
        }
        assertNull(counter.lockedUntil());
    }

    @Test
    void theFifthFailureInARowLocksForFifteenMinutes() {
        Instant fifth = admitTimes(4, NOW);
        assertTrue(counter.admit(fifth), "the fifth attempt itself is admitted");
        assertEquals(5, counter.failuresSinceSuccess());
        assertEquals(fifth.plus(Duration.ofMinutes(15)), counter.lockedUntil());
        assertEquals(Duration.ofMinutes(15), AttemptCounter.FIRST_LOCK);
        assertFalse(counter.lockedForGood());
    }

    @Test
    void isLockedUntilTheLockEndsAndNoLonger() {
        admitTimes(5, NOW);
        Instant until = counter.lockedUntil();
        assertTrue(counter.isLocked(NOW));
        assertTrue(counter.isLocked(until.minusMillis(1)));
        assertFalse(counter.isLocked(until), "open again at the end of the lock");
        assertFalse(counter.isLocked(until.plusSeconds(1)));
    }

    @Test
    void aLockedCounterAdmitsNothingAndCountsNothing() {
        admitTimes(5, NOW);
        Instant until = counter.lockedUntil();
        for (int i = 0; i < 10; i++) {
            assertFalse(counter.admit(NOW.plusSeconds(i)));
        }
        assertFalse(counter.admit(until.minusMillis(1)));
        assertEquals(5, counter.failuresSinceSuccess(), "refused attempts are not counted");
        assertEquals(until, counter.lockedUntil(), "refused attempts do not extend the lock");
        assertTrue(counter.admit(until), "admitted again once the lock has run out");
        assertEquals(6, counter.failuresSinceSuccess());
    }

    @Test
    void eachFurtherLockLastsTwiceAsLong() {
        Instant t = NOW;
        t = admitTimes(5, t);
        assertEquals(Duration.ofMinutes(15), Duration.between(t, counter.lockedUntil()));
        t = counter.lockedUntil();

        t = admitTimes(5, t);
        assertEquals(Duration.ofMinutes(30), Duration.between(t, counter.lockedUntil()),
                "the consecutive count starts over after a lock: five more for the second lock");
        t = counter.lockedUntil();

        admitTimes(4, t);
        assertFalse(counter.isLocked(t.plusSeconds(4)), "four after a lock do not lock");
        t = admitTimes(1, t.plusSeconds(4));
        assertEquals(Duration.ofMinutes(60), Duration.between(t, counter.lockedUntil()));
        assertFalse(counter.lockedForGood());
        assertEquals(15, counter.failuresSinceSuccess());
    }

    @Test
    void twentyFailuresWithoutASuccessLockForGood() {
        Instant t = NOW;
        for (int lock = 0; lock < 3; lock++) {
            admitTimes(5, t);
            t = counter.lockedUntil();
        }
        admitTimes(4, t);
        assertEquals(19, counter.failuresSinceSuccess());
        assertFalse(counter.lockedForGood());
        assertFalse(counter.isLocked(t.plusSeconds(4)));

        assertTrue(counter.admit(t.plusSeconds(4)), "the twentieth is admitted, then nothing more");
        assertEquals(AttemptCounter.FAILURES_UNTIL_OPERATOR, counter.failuresSinceSuccess());
        assertTrue(counter.lockedForGood());
        assertTrue(counter.isLocked(t.plusSeconds(4)));
        assertTrue(counter.isLocked(t.plus(Duration.ofDays(3650))), "time does not lift it");
        assertFalse(counter.admit(t.plus(Duration.ofDays(3650))));
        assertEquals(20, counter.failuresSinceSuccess());
    }

    @Test
    void aLockForGoodEndsOnlyByReset() {
        lockForGood();
        counter.reset();
        assertFalse(counter.isLocked(NOW));
        assertFalse(counter.lockedForGood());
        assertEquals(0, counter.failuresSinceSuccess());
        assertTrue(counter.admit(NOW));
    }

    @Test
    void successesBetweenFailuresKeepTheSubjectOpen() {
        for (int round = 0; round < 30; round++) {
            Instant t = NOW.plusSeconds(round * 10L);
            admitTimes(4, t);
            assertTrue(counter.admit(t.plusSeconds(4)));
            counter.reset();
            assertFalse(counter.isLocked(t.plusSeconds(5)), "round " + round);
        }
        assertFalse(counter.lockedForGood());
    }

    @Test
    void resetClearsEverything() {
        Instant t = admitTimes(5, NOW);
        admitTimes(5, counter.lockedUntil());
        assertTrue(counter.isLocked(counter.lockedUntil().minusSeconds(1)));

        counter.reset();

        assertEquals(0, counter.failuresSinceSuccess());
        assertNull(counter.lockedUntil());
        assertFalse(counter.lockedForGood());
        assertFalse(counter.isLocked(t));
        // the lock ladder starts over too: the next lock is 15 min again, after five fresh failures
        Instant after = admitTimes(4, t);
        assertFalse(counter.isLocked(after), "four after a reset do not lock");
        Instant fifth = admitTimes(1, after);
        assertEquals(fifth.plus(Duration.ofMinutes(15)), counter.lockedUntil());
    }

    @Test
    void resetLiftsTheLockThatTheAdmittedAttemptItselfSet() {
        Instant fifth = admitTimes(4, NOW);
        assertTrue(counter.admit(fifth));
        assertTrue(counter.isLocked(fifth), "admitting the fifth guess locked the subject");

        counter.reset(); // ... and that guess was right

        assertFalse(counter.isLocked(fifth));
        assertNull(counter.lockedUntil());
        assertTrue(counter.admit(fifth.plusSeconds(1)));
    }

    @Test
    void resetLiftsALockForGoodThatTheAdmittedAttemptItselfSet() {
        Instant t = NOW;
        for (int lock = 0; lock < 3; lock++) {
            admitTimes(5, t);
            t = counter.lockedUntil();
        }
        admitTimes(5, t);
        assertTrue(counter.lockedForGood(), "the twentieth admission locked for good");

        counter.reset(); // ... and the twentieth guess was right

        assertFalse(counter.isLocked(t));
        assertFalse(counter.lockedForGood());
    }

    @Test
    void theLockDurationDoesNotOverflowForAnyNumberOfLocks() throws ReflectiveOperationException {
        var locks = AttemptCounter.class.getDeclaredField("locks");
        locks.setAccessible(true);
        for (int previous : new int[] {16, 17, 62, 63, 64, 1000, Integer.MAX_VALUE}) {
            AttemptCounter fresh = new AttemptCounter("source:10.0.0.1");
            locks.setInt(fresh, previous);
            Instant fifth = NOW;
            for (int i = 0; i < 5; i++) {
                assertTrue(fresh.admit(fifth));
            }
            Duration lock = Duration.between(fifth, fresh.lockedUntil());
            assertEquals(AttemptCounter.FIRST_LOCK.multipliedBy(1L << 16), lock, "after " + previous + " locks");
            assertTrue(fresh.isLocked(fifth.plus(Duration.ofDays(365))));
        }
    }

    /** Admits {@code count} attempts one second apart from {@code start}; returns the time of the last. */
    private Instant admitTimes(int count, Instant start) {
        Instant t = start;
        for (int i = 0; i < count; i++) {
            t = start.plusSeconds(i);
            assertTrue(counter.admit(t), "attempt " + (i + 1) + " of " + count + " admitted");
        }
        return t;
    }

    private void lockForGood() {
        Instant t = NOW;
        for (int i = 0; i < AttemptCounter.FAILURES_UNTIL_OPERATOR; i++) {
            if (counter.isLocked(t)) {
                t = counter.lockedUntil();
            }
            assertTrue(counter.admit(t), "failure " + (i + 1));
        }
        assertTrue(counter.lockedForGood());
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
