package org.twofold.selfservice.control;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import org.twofold.auth.control.AuthSessions;
import org.twofold.auth.entity.AuthSession;
import org.twofold.auth.entity.AuthStatus;
import org.twofold.auth.entity.RelyingParty;
import org.twofold.identity.entity.Identity;

/**
 * Signing in to the self-service panel: after the directory password, a login request goes to the user's
 * phones like any relying party's (number matching included), from the built-in party "Twofold
 * self-service" (migration V11). Only its approval opens the panel.
 */
@ApplicationScoped
public class SelfSignIn {

    static final String CONTEXT = "Sign in to your Twofold self-service panel";

    @PersistenceContext
    EntityManager em;

    @Inject
    AuthSessions sessions;

    @Inject
    Clock clock;

    /** What the browser shows while the phone decides. */
    public record Started(String authSessionId, String displayNumber) {
    }

    @Transactional
    public Started start(Identity identity) {
        AuthSession session = sessions.start(em.find(RelyingParty.class, RelyingParty.SELF_SERVICE_ID), identity.user(), CONTEXT);
        return new Started(session.id(), session.displayNumber());
    }

    /** The login's state now, and the device that approved it. */
    public record Decision(AuthStatus status, String deviceId) {
    }

    public Decision decision(String authSessionId) {
        AuthSession session = em.find(AuthSession.class, authSessionId);
        return new Decision(session.statusAt(clock.instant()), session.deviceId());
    }
}
