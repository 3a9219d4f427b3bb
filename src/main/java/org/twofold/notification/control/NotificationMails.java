package org.twofold.notification.control;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.twofold.notification.entity.Notification;

/** The mail a user receives with every notification: the same news, on a second path. */
final class NotificationMails {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private NotificationMails() {
    }

    static String subject(Notification notification) {
        return switch (notification.type()) {
            case DEVICE_ADDED -> "A device was added to your Twofold ID";
            case DEVICE_RESTORED -> "Your Twofold ID was restored on a new device";
            case DEVICE_DUPLICATED -> "Your Twofold ID was copied to another device";
            case DEVICE_UNPAIRED -> "A device was removed from your Twofold ID";
            case DEVICE_BLOCKED -> "A device of your Twofold ID was blocked";
            case RESTORE_CODE_REISSUED -> "Your Twofold restore code was replaced";
        };
    }

    static String body(Notification notification, String user) {
        String what = switch (notification.type()) {
            case DEVICE_ADDED -> "the device \"" + notification.deviceName() + "\" was added to your ID";
            case DEVICE_RESTORED -> "your ID was restored on the device \"" + notification.deviceName() + "\"";
            case DEVICE_DUPLICATED -> "your ID was copied to the device \"" + notification.deviceName() + "\"";
            case DEVICE_UNPAIRED -> "the device \"" + notification.deviceName() + "\" was removed from your ID";
            case DEVICE_BLOCKED -> "the device \"" + notification.deviceName() + "\" was blocked as unauthorised";
            case RESTORE_CODE_REISSUED -> (notification.deviceId() == null
                    ? "your restore code was replaced by " + notification.deviceName()
                    : "your restore code was replaced on the device \"" + notification.deviceName() + "\"")
                    + "; the old one no longer works";
        };
        String advice = notification.blockable()
                ? "If this was not you, open Twofold on one of your other devices and block the new device at once,"
                        + " or call your helpdesk."
                : "If this was not you, call your helpdesk.";
        return "Hello " + user + ",\n\n"
                + "on " + TIME.format(notification.createdAt()) + " " + what + ".\n\n"
                + advice + "\n\n-- Twofold\n";
    }
}
