package org.twofold.restore.control;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.twofold.notification.control.InboxItem;
import org.twofold.notification.control.InboxSource;

/** Puts claims waiting for confirmation into the device inbox. */
@ApplicationScoped
public class PendingDuplications implements InboxSource {

    @Inject
    Duplications duplications;

    @Override
    public List<InboxItem> pendingFor(String identityId) {
        return List.copyOf(duplications.pendingFor(identityId));
    }
}
