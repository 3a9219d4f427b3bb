package org.twofold.notification.control;

/**
 * Something every connected device of an identity should hear about now. Fired as a CDI event inside
 * the transaction that caused it and pushed only after that transaction committed.
 */
public record DeviceEvent(String identityId, InboxItem item) {
}
