package org.twofold.restore.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** A duplication offer is open until it is claimed or its 120 s pass. */
class DuplicationOfferTest {

    static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");
    static final Instant EXPIRES = NOW.plus(Duration.ofSeconds(120));

    private final DuplicationOffer offer = new DuplicationOffer("identity-1", "old-phone", "secret-hash", NOW, EXPIRES);

    @Test
    void anOfferKeepsWhatItWasGiven() {
        assertEquals("identity-1", offer.identityId());
        assertEquals("old-phone", offer.offeringDeviceId());
        assertEquals("secret-hash", offer.secretHash());
        assertEquals(EXPIRES, offer.expiresAt());
        assertNotEquals(offer.id(), new DuplicationOffer("identity-1", "old-phone", "secret-hash", NOW, EXPIRES).id());
    }

    @Test
    void anOfferIsOpenUntilItExpires() {
        assertTrue(offer.isOpen(NOW));
        assertTrue(offer.isOpen(NOW.minusSeconds(1)));
        assertTrue(offer.isOpen(EXPIRES.minusMillis(1)));
        assertFalse(offer.isOpen(EXPIRES), "closed at the expiry instant");
        assertFalse(offer.isOpen(EXPIRES.plusMillis(1)));
        assertFalse(offer.isOpen(EXPIRES.plus(Duration.ofDays(1))));
    }

    @Test
    void aClaimedOfferIsClosedAtOnce() throws ReflectiveOperationException {
        set(offer, "claimed", true);
        assertFalse(offer.isOpen(NOW));
        assertFalse(offer.isOpen(EXPIRES.minusMillis(1)));
    }

    static void set(Object target, String name, Object value) throws ReflectiveOperationException {
        Field field = target.getClass().getDeclaredField(name);
        field.setAccessible(true);
        field.set(target, value);
    }
}
