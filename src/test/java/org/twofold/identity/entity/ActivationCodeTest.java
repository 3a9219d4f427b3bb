package org.twofold.identity.entity;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** A one-time activation code is usable until it expires or is used. */
class ActivationCodeTest {

    private static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");
    private static final Instant EXPIRES = NOW.plus(Duration.ofHours(24));

    @Test
    void usableUntilExpiry() {
        ActivationCode code = new ActivationCode("identity-1", "hash", "operator:admin", NOW, EXPIRES);
        assertTrue(code.isUsable(NOW));
        assertTrue(code.isUsable(EXPIRES.minusMillis(1)));
        assertFalse(code.isUsable(EXPIRES));
        assertFalse(code.isUsable(EXPIRES.plusSeconds(1)));
    }

    @Test
    void notUsableOnceUsed() throws ReflectiveOperationException {
        ActivationCode code = new ActivationCode("identity-1", "hash", "operator:admin", NOW, EXPIRES);
        Field usedAt = ActivationCode.class.getDeclaredField("usedAt");
        usedAt.setAccessible(true);
        usedAt.set(code, NOW.plusSeconds(5)); // set by a conditional UPDATE in production
        assertFalse(code.isUsable(NOW.plusSeconds(6)));
    }
}
