package org.twofold.mail.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** When the outbox counts as stuck: only past the operator's limit, never without one. */
class BacklogTest {

    private static final Instant NOW = Instant.parse("2026-11-27T14:00:00Z");
    private static final Duration LIMIT = Duration.ofMinutes(60);

    @Test
    void anEmptyOutboxWaitsForNothing() {
        Backlog empty = new Backlog(0, Optional.empty());
        assertEquals(Duration.ZERO, empty.oldestWait(NOW));
        assertFalse(empty.stuck(LIMIT, NOW));
    }

    @Test
    void mailWaitingWithinTheLimitIsOnlyDelayed() {
        Backlog retrying = new Backlog(3, Optional.of(NOW.minus(Duration.ofMinutes(59))));
        assertEquals(Duration.ofMinutes(59), retrying.oldestWait(NOW));
        assertFalse(retrying.stuck(LIMIT, NOW));
        assertFalse(new Backlog(1, Optional.of(NOW.minus(LIMIT))).stuck(LIMIT, NOW), "exactly the limit is not past it");
    }

    @Test
    void mailWaitingPastTheLimitIsStuck() {
        assertTrue(new Backlog(1, Optional.of(NOW.minus(Duration.ofMinutes(61)))).stuck(LIMIT, NOW));
    }

    @Test
    void withoutALimitNothingIsStuck() {
        assertFalse(new Backlog(1, Optional.of(NOW.minus(Duration.ofDays(3)))).stuck(Duration.ZERO, NOW));
    }

    @Test
    void aMailQueuedByANodeWhoseClockIsAheadHasNotWaited() {
        assertEquals(Duration.ZERO, new Backlog(1, Optional.of(NOW.plusSeconds(2))).oldestWait(NOW));
    }
}
