package org.twofold.notification.control;

import java.time.Instant;

import org.twofold.notification.entity.Notification;

/** A notification as devices see it (PROTOCOL.md). */
public record NotificationView(String id, String type, String deviceId, String deviceName, Instant at,
                               boolean blockable) implements InboxItem {

    static NotificationView of(Notification notification) {
        return new NotificationView(notification.id(), notification.type().name(), notification.deviceId(),
                notification.deviceName(), notification.createdAt(), notification.blockable());
    }
}
