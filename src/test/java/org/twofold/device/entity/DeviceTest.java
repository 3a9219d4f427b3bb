package org.twofold.device.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A device binding: born active; last-seen is refreshed at most once a minute; a device wiped by a
 * restore may block the newcomer for 24 h.
 */
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

    @Test
    void anActiveDeviceHasNoRestoreToBlock() {
        assertEquals(Optional.empty(), device.blockableRestoreNotification(NOW));
    }

    @Test
    void aDeviceWipedByARestoreMayBlockForTwentyFourHours() throws ReflectiveOperationException {
        Instant wiped = NOW.plusSeconds(600);
        remove(DeviceState.UNPAIRED, wiped, "notification-1");

        assertEquals(Optional.of("notification-1"), device.blockableRestoreNotification(wiped));
        assertEquals(Optional.of("notification-1"), device.blockableRestoreNotification(wiped.plus(Duration.ofHours(23))));
        assertEquals(Optional.of("notification-1"),
                device.blockableRestoreNotification(wiped.plus(Device.BLOCK_AFTER_WIPE).minusMillis(1)));
        assertEquals(Optional.empty(), device.blockableRestoreNotification(wiped.plus(Device.BLOCK_AFTER_WIPE)),
                "over at exactly 24 h");
        assertEquals(Optional.empty(), device.blockableRestoreNotification(wiped.plus(Duration.ofDays(30))));
        assertEquals(Duration.ofHours(24), Device.BLOCK_AFTER_WIPE);
    }

    @Test
    void aDeviceUnpairedOtherwiseMayNotBlock() throws ReflectiveOperationException {
        remove(DeviceState.UNPAIRED, NOW, null);
        assertEquals(Optional.empty(), device.blockableRestoreNotification(NOW));
        assertEquals(Optional.empty(), device.blockableRestoreNotification(NOW.plusSeconds(60)));
    }

    @ParameterizedTest
    @EnumSource(value = DeviceState.class, names = {"ACTIVE", "BLOCKED"})
    void onlyAnUnpairedDeviceMayBlock(DeviceState state) throws ReflectiveOperationException {
        remove(state, NOW, "notification-1");
        assertEquals(Optional.empty(), device.blockableRestoreNotification(NOW));
        assertEquals(Optional.empty(), device.blockableRestoreNotification(NOW.plusSeconds(60)));
    }

    @Test
    void withoutARemovalTimeNothingMayBeBlocked() throws ReflectiveOperationException {
        remove(DeviceState.UNPAIRED, null, "notification-1");
        assertEquals(Optional.empty(), device.blockableRestoreNotification(NOW));
    }

    /** What DeviceRegistry's bulk UPDATEs store (the entity has no setters for them). */
    private void remove(DeviceState state, Instant removedAt, String removalNotificationId) throws ReflectiveOperationException {
        set("state", state);
        set("removedAt", removedAt);
        set("removalNotificationId", removalNotificationId);
    }

    private void set(String name, Object value) throws ReflectiveOperationException {
        Field field = Device.class.getDeclaredField(name);
        field.setAccessible(true);
        field.set(device, value);
    }
}
