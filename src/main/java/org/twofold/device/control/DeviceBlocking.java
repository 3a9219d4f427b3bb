package org.twofold.device.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.twofold.audit.entity.Actor;
import org.twofold.device.entity.Device;
import org.twofold.notification.control.Notifications;
import org.twofold.notification.entity.Notification;
import org.twofold.platform.control.Refusal;

/**
 * The block action of a device-added notification (promise 3): the device the notification is about is
 * blocked at once and for good. What else a block means (restore code killed, restore shut, pending logins
 * cancelled) the other components do on {@link DeviceBlocked}.
 */
@ApplicationScoped
public class DeviceBlocking {

    @Inject
    Notifications notifications;

    @Inject
    DeviceRegistry devices;

    /** Blocking twice is harmless: the second call finds the device blocked and changes nothing. */
    public void block(String notificationId, Device caller, String user, Actor actor) {
        Notification notification = notifications.requireOwn(caller.identityId(), notificationId);
        if (!notification.blockable()) {
            throw new Refusal(Refusal.Kind.CONFLICT, "not-blockable", "Only device additions can be blocked");
        }
        Device newcomer = devices.require(notification.deviceId());
        if (newcomer.id().equals(caller.id())) {
            throw new Refusal(Refusal.Kind.CONFLICT, "cannot-block-self", "A device cannot block itself; unpair it instead");
        }
        notifications.markBlocked(notification.id());
        devices.block(newcomer, user, actor);
    }
}
