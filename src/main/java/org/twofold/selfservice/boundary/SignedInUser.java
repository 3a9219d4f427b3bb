package org.twofold.selfservice.boundary;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.servlet.http.HttpSession;

/**
 * The user a self-service session belongs to, and the device that approved the sign-in. The panel ends after
 * {@link #LIFETIME} however busy it is, and idle sessions end by the session timeout.
 */
public record SignedInUser(String user, String identityId, String approvedBy, Instant signedInAt) implements Serializable {

    static final String ATTRIBUTE = "twofold.self-service.user";
    static final Duration LIFETIME = Duration.ofMinutes(30);

    static Optional<SignedInUser> of(HttpSession session) {
        if (session != null && session.getAttribute(ATTRIBUTE) instanceof SignedInUser signedIn) {
            if (signedIn.signedInAt().plus(LIFETIME).isAfter(Instant.now())) {
                return Optional.of(signedIn);
            }
            session.removeAttribute(ATTRIBUTE);
        }
        return Optional.empty();
    }
}
