package org.twofold.mail.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A mail in the outbox: due at once, retried after 5 s, 10 s, 20 s … at most 15 min apart. */
class OutboxMailTest {

    private static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");

    @Test
    void aNewMailIsUnsentAndKeepsItsContent() {
        OutboxMail mail = new OutboxMail("jdoe@corp.test", "Subject", "Body", null, NOW);
        assertEquals("jdoe@corp.test", mail.recipient());
        assertEquals("Subject", mail.subject());
        assertEquals("Body", mail.body());
        assertEquals(0, mail.attempts());
        assertNull(mail.sentAt());
        assertNull(mail.lastError());
        assertNotEquals(mail.id(), new OutboxMail("jdoe@corp.test", "Subject", "Body", null, NOW).id());
    }

    @ParameterizedTest(name = "after {0} failed attempts wait {1} s")
    @CsvSource({"1, 5", "2, 10", "3, 20", "4, 40", "5, 80", "6, 160", "7, 320", "8, 640", "9, 900", "10, 900", "11, 900"})
    void backsOffExponentiallyUpToFifteenMinutes(int failedAttempts, long seconds) {
        assertEquals(NOW.plusSeconds(seconds), OutboxMail.nextAttemptAfter(failedAttempts, NOW));
    }

    @Test
    void theLimitsAreFiveSecondsAndFifteenMinutes() {
        assertEquals(Duration.ofSeconds(5), OutboxMail.FIRST_RETRY);
        assertEquals(Duration.ofMinutes(15), OutboxMail.LONGEST_RETRY);
    }

    @ParameterizedTest
    @ValueSource(ints = {20, 21, 22, 31, 32, 33, 62, 63, 64, 65, 1000, 1 << 20, Integer.MAX_VALUE - 1, Integer.MAX_VALUE})
    void hugeAttemptNumbersWaitFifteenMinutesWithoutOverflow(int failedAttempts) {
        assertEquals(NOW.plus(Duration.ofMinutes(15)), OutboxMail.nextAttemptAfter(failedAttempts, NOW));
    }

    @Test
    void theWaitNeverShrinks() {
        Duration previous = Duration.ZERO;
        for (int attempts = 1; attempts < 200; attempts++) {
            Duration wait = Duration.between(NOW, OutboxMail.nextAttemptAfter(attempts, NOW));
            assertTrue(wait.compareTo(previous) >= 0, "after " + attempts + ": " + wait + " < " + previous);
            assertTrue(wait.compareTo(Duration.ofMinutes(15)) <= 0, "after " + attempts + ": " + wait);
            previous = wait;
        }
    }
}
