package org.twofold.crypto.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** The signature timestamp window (PROTOCOL.md: at most 120 s away from the server's clock). */
class RequestSignatureFreshnessTest {

    private static final Instant NOW = Instant.ofEpochMilli(1_795_000_000_000L);
    private static final Duration SKEW = Duration.ofSeconds(120);

    @Test
    void theWindowIs120SecondsEachWay() {
        assertTrue(fresh(NOW.toEpochMilli()));
        assertTrue(fresh(NOW.toEpochMilli() - 120_000));
        assertTrue(fresh(NOW.toEpochMilli() + 120_000));
        assertFalse(fresh(NOW.toEpochMilli() - 120_001));
        assertFalse(fresh(NOW.toEpochMilli() + 120_001));
    }

    @Test
    void timestampsAtTheEndsOfTheNumberRangeAreNotFresh() {
        assertFalse(fresh(Long.MAX_VALUE));
        assertFalse(fresh(Long.MIN_VALUE));
        // now - timestamp overflows to Long.MIN_VALUE, whose absolute value is negative: "0 ms away"
        assertFalse(fresh(NOW.toEpochMilli() + Long.MIN_VALUE));
        assertFalse(fresh(NOW.toEpochMilli() + Long.MIN_VALUE + 1));
    }

    private static boolean fresh(long timestamp) {
        return new RequestSignature("POST", "/api/v1/x", Long.toString(timestamp), new byte[0], "").isFresh(NOW, SKEW);
    }
}
