package org.twofold.operator.boundary;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpSession;

import org.twofold.operator.entity.Role;

/**
 * The operator a dashboard session belongs to. Idle sessions end by the session timeout (web.xml); a busy
 * one ends after {@link #LIFETIME} anyway, so a session cookie that leaks is not good forever. An operator
 * from the directory ({@code directoryConnectionId} set) carries the roles their groups gave at
 * {@code rolesCheckedAt}; a local operator's roles are read from their account on every request instead.
 */
public record SignedInOperator(String name, Instant signedInAt, String directoryConnectionId, Set<Role> roles,
                               Instant rolesCheckedAt, Instant rolesConfirmedAt) implements Serializable {

    static final String ATTRIBUTE = "twofold.operator";
    static final Duration LIFETIME = Duration.ofHours(10);
    /** How long a directory operator's roles are trusted before their groups are read again. */
    static final Duration ROLES_RECHECK = Duration.ofMinutes(5);
    /** How long roles stay while the directory does not answer; then the session ends. */
    static final Duration OUTAGE_GRACE = Duration.ofMinutes(15);

    /** A local operator account's session; its roles are read from the account on each request. */
    static SignedInOperator local(String name, Instant now) {
        return new SignedInOperator(name, now, null, Set.of(), now, now);
    }

    static Optional<SignedInOperator> of(HttpSession session) {
        if (session.getAttribute(ATTRIBUTE) instanceof SignedInOperator signedIn) {
            if (signedIn.signedInAt().plus(LIFETIME).isAfter(Instant.now())) {
                return Optional.of(signedIn);
            }
            session.invalidate();
        }
        return Optional.empty();
    }

    boolean fromDirectory() {
        return directoryConnectionId != null;
    }

    boolean rolesDue(Instant now) {
        return rolesCheckedAt.plus(ROLES_RECHECK).isBefore(now);
    }

    SignedInOperator withRoles(Set<Role> current, Instant now) {
        return new SignedInOperator(name, signedInAt, directoryConnectionId, Set.copyOf(current), now, now);
    }

    /** The directory did not answer: the roles stay for the grace period, and the next check comes later. */
    SignedInOperator unconfirmed(Instant now) {
        Set<Role> kept = rolesConfirmedAt.plus(OUTAGE_GRACE).isAfter(now) ? roles : Set.of();
        return new SignedInOperator(name, signedInAt, directoryConnectionId, kept, now, rolesConfirmedAt);
    }

    void keepIn(HttpSession session) {
        session.setAttribute(ATTRIBUTE, this);
    }
}
