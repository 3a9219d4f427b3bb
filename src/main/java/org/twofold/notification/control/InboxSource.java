package org.twofold.notification.control;

import java.util.List;

/**
 * A component that has things waiting for a device's decision (logins, duplication confirmations).
 * The inbox asks every source; sources do not know about the inbox.
 */
public interface InboxSource {

    List<InboxItem> pendingFor(String identityId);
}
