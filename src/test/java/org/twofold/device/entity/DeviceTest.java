package org.twofold.device.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** A device binding: born active; last-seen is refreshed at most once a minute. */
class DeviceTest {

    private static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");

    private final Device device = new Device("identity-1", "MFkw...", "hash", "Pixel", "android", BoundVia.ENROLLMENT, NOW);

    @Test
    void aNewDeviceIsActiveAndSeenNow() {
        assertTrue(device.isActive());
        assertEquals(DeviceState.ACTIVE, device.state());
        assertEquals(BoundVia.ENROLLMENT, device.boundVia());
        assertEquals(NOW, device.createdAt());
        assertEquals(NOW, device.lastSeenAt());
        assertNull(device.removedAt());
        assertNotEquals(device.id(), new Device("identity-1", "k", "h", "n", "p", BoundVia.RESTORE, NOW).id());
    }

    @Test
    void lastSeenTurnsStaleOnlyAfterAMinute() {
        assertFalse(device.lastSeenIsStale(NOW));
        assertFalse(device.lastSeenIsStale(NOW.plusSeconds(59)));
        assertFalse(device.lastSeenIsStale(NOW.plusSeconds(60)));
        assertTrue(device.lastSeenIsStale(NOW.plusSeconds(60).plusMillis(1)));
        assertTrue(device.lastSeenIsStale(NOW.plusSeconds(3600)));
    }
}
