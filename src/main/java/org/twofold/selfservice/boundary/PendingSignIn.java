package org.twofold.selfservice.boundary;

import java.io.Serializable;
import java.util.Optional;

import jakarta.servlet.http.HttpSession;

/** A self-service sign-in whose password was right, waiting for the approval on a phone. */
public record PendingSignIn(String user, String identityId, String authSessionId, String displayNumber)
        implements Serializable {

    static final String ATTRIBUTE = "twofold.self-service.pending";

    static Optional<PendingSignIn> of(HttpSession session) {
        return session != null && session.getAttribute(ATTRIBUTE) instanceof PendingSignIn pending
                ? Optional.of(pending) : Optional.empty();
    }
}
