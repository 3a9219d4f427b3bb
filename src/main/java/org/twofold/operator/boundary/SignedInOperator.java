package org.twofold.operator.boundary;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.servlet.http.HttpSession;

/**
 * The operator a dashboard session belongs to. Idle sessions end by the session timeout (web.xml); a busy
 * one ends after {@link #LIFETIME} anyway, so a session cookie that leaks is not good forever.
 */
public record SignedInOperator(String name, Instant signedInAt) implements Serializable {

    static final String ATTRIBUTE = "twofold.operator";
    static final Duration LIFETIME = Duration.ofHours(10);

    static Optional<SignedInOperator> of(HttpSession session) {
        if (session.getAttribute(ATTRIBUTE) instanceof SignedInOperator signedIn) {
            if (signedIn.signedInAt().plus(LIFETIME).isAfter(Instant.now())) {
                return Optional.of(signedIn);
            }
            session.invalidate();
        }
        return Optional.empty();
    }

    void keepIn(HttpSession session) {
        session.setAttribute(ATTRIBUTE, this);
    }
}
