package org.twofold.auth.control;

import java.time.Instant;
import java.util.List;

import org.twofold.auth.entity.AuthSession;
import org.twofold.notification.control.InboxItem;

/** A login waiting for the user's decision, as the device sees it (PROTOCOL.md, pending items). */
public record PendingLogin(String type, String id, String rp, String context, List<String> choices, Instant expiresAt)
        implements InboxItem {

    static PendingLogin of(AuthSession session, String relyingPartyName) {
        return new PendingLogin("AUTH", session.id(), relyingPartyName, session.context(), session.choices(),
                session.expiresAt());
    }
}
