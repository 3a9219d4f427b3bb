package org.twofold.notification.control;

/** One entry of a device's inbox, sent as JSON; {@code type} tells clients what it is. */
public interface InboxItem {

    String type();
}
