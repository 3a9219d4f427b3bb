package org.twofold.restore.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class FailureLimitsTest {

    @Test
    void locksDoubleFromFifteenMinutesUpToTheLongestLockWhenOneIsSet() {
        FailureLimits unbounded = new FailureLimits(5, 20);
        FailureLimits bounded = new FailureLimits(50, Integer.MAX_VALUE, Duration.ofHours(1));

        assertEquals(Duration.ofMinutes(15), unbounded.lock(0));
        assertEquals(Duration.ofMinutes(60), unbounded.lock(2));
        assertEquals(Duration.ofMinutes(15).multipliedBy(1L << 16), unbounded.lock(40));
        assertEquals(Duration.ofMinutes(30), bounded.lock(1));
        assertEquals(Duration.ofHours(1), bounded.lock(3));
        assertEquals(Duration.ofHours(1), bounded.lock(40));
    }
}
