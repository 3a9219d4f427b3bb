package org.twofold.auth.control;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.twofold.notification.control.InboxItem;
import org.twofold.notification.control.InboxSource;

/** Puts pending logins into the device inbox. */
@ApplicationScoped
public class PendingLogins implements InboxSource {

    @Inject
    AuthSessions sessions;

    @Override
    public List<InboxItem> pendingFor(String identityId) {
        return List.copyOf(sessions.pendingFor(identityId));
    }
}
