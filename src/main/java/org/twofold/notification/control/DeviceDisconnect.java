package org.twofold.notification.control;

/** A device was unpaired or blocked: its live event streams end once the transaction committed. */
public record DeviceDisconnect(String deviceId) {
}
