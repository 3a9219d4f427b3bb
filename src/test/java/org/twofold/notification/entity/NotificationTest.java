package org.twofold.notification.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Notifications about device additions carry a block action; the others do not. */
class NotificationTest {

    @Test
    void exactlyTheDeviceAdditionsAreBlockable() {
        Set<NotificationType> blockable = EnumSet.noneOf(NotificationType.class);
        for (NotificationType type : NotificationType.values()) {
            Notification notification = new Notification("identity-1", type, "device-1", "Pixel", Instant.EPOCH);
            assertEquals(type.blockable(), notification.blockable(), type.name());
            if (notification.blockable()) {
                blockable.add(type);
            }
        }
        assertEquals(EnumSet.of(NotificationType.DEVICE_ADDED, NotificationType.DEVICE_RESTORED,
                NotificationType.DEVICE_DUPLICATED), blockable);
    }
}
