package org.twofold.restore.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** Step one of a restore stays open for its OTP until it is completed or expires. */
class RestoreAttemptTest {

    private static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");
    private static final Instant EXPIRES = NOW.plus(Duration.ofMinutes(10));

    private final RestoreAttempt attempt = new RestoreAttempt("identity-1", "otp-hash", "10.0.0.9", NOW, EXPIRES);

    @Test
    void anAttemptKeepsWhatItWasGiven() {
        assertEquals("identity-1", attempt.identityId());
        assertEquals("otp-hash", attempt.otpHash());
        assertEquals(EXPIRES, attempt.expiresAt());
        assertNotEquals(attempt.id(), new RestoreAttempt("identity-1", "otp-hash", "10.0.0.9", NOW, EXPIRES).id());
    }

    @Test
    void openUntilItExpires() {
        assertTrue(attempt.isOpen(NOW));
        assertTrue(attempt.isOpen(EXPIRES.minusMillis(1)));
        assertFalse(attempt.isOpen(EXPIRES), "closed at the expiry instant");
        assertFalse(attempt.isOpen(EXPIRES.plusMillis(1)));
        assertFalse(attempt.isOpen(EXPIRES.plus(Duration.ofDays(1))));
    }

    @Test
    void aCompletedAttemptIsClosedAtOnce() throws ReflectiveOperationException {
        DuplicationOfferTest.set(attempt, "completedAt", NOW.plusSeconds(30));
        assertFalse(attempt.isOpen(NOW.plusSeconds(31)));
        assertFalse(attempt.isOpen(NOW), "whenever it is asked");
        assertFalse(attempt.isOpen(EXPIRES.minusMillis(1)));
    }
}
