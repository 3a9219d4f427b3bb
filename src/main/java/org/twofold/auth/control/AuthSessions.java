package org.twofold.auth.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.twofold.audit.control.AuditTrail;
import org.twofold.audit.entity.Actor;
import org.twofold.audit.entity.Outcome;
import org.twofold.auth.entity.AuthSession;
import org.twofold.auth.entity.AuthStatus;
import org.twofold.auth.entity.NumberChallenge;
import org.twofold.auth.entity.RelyingParty;
import org.twofold.crypto.control.SecretCodes;
import org.twofold.device.control.DeviceBlocked;
import org.twofold.device.control.DeviceRegistry;
import org.twofold.device.entity.Device;
import org.twofold.identity.control.Identities;
import org.twofold.directory.control.DirectoryLiveCheck;
import org.twofold.identity.entity.Identity;
import org.twofold.notification.control.DeviceEvent;
import org.twofold.platform.control.Refusal;

/** The login state machine: PENDING → APPROVED | DENIED | EXPIRED | CANCELLED, each decided once. */
@ApplicationScoped
public class AuthSessions {

    private static final int SETTLE_ATTEMPTS = 20;
    private static final long SETTLE_PAUSE_MILLIS = 10;

    @PersistenceContext
    EntityManager em;

    @Inject
    DirectoryLiveCheck directory;

    @Inject
    Identities identities;

    @Inject
    DeviceRegistry devices;

    @Inject
    SecretCodes codes;

    @Inject
    AuditTrail audit;

    @Inject
    Event<DeviceEvent> deviceEvents;

    @Inject
    Event<LoginStarted> loginsStarted;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "twofold.auth.session-seconds")
    int sessionSeconds;

    @Inject
    @ConfigProperty(name = "twofold.auth.max-pending-per-identity")
    int maxPending;

    public AuthSession start(RelyingParty party, String user, String context) {
        Identity identity = identities.require(user);
        Identities.requireActive(identity);
        directory.requireEnabled(identity);
        if (!devices.hasActiveDevice(identity.id())) {
            throw new Refusal(Refusal.Kind.CONFLICT, "no-active-device", "The user has no active device");
        }
        Instant now = clock.instant();
        if (pendingCount(identity.id(), now) >= maxPending) {
            throw new Refusal(Refusal.Kind.TOO_MANY, "too-many-attempts",
                    "Too many logins are waiting for this user's decision");
        }
        AuthSession session = new AuthSession(party.id(), identity.id(), context,
                NumberChallenge.create(codes::nextInt), now, now.plus(Duration.ofSeconds(sessionSeconds)));
        em.persist(session);
        deviceEvents.fire(new DeviceEvent(identity.id(), PendingLogin.of(session, party.name())));
        loginsStarted.fire(new LoginStarted());
        return session;
    }

    /** A relying party sees only its own sessions; any other id is unknown to it. */
    public AuthSession ofRelyingParty(String sessionId, RelyingParty party) {
        return find(sessionId).filter(session -> session.relyingPartyId().equals(party.id()))
                .orElseThrow(AuthSessions::unknownSession);
    }

    public String userOf(AuthSession session) {
        return identities.byId(session.identityId()).user();
    }

    public void cancel(String sessionId, RelyingParty party) {
        AuthSession session = ofRelyingParty(sessionId, party);
        // Cancelling a login that has ended, even a moment ago by a racing decision or cancel, changes nothing
        // and is no error (PROTOCOL.md: DELETE answers 204).
        closeIfPending(session, AuthStatus.CANCELLED, null);
    }

    /**
     * A device's decision. Only a device of the session's identity may decide, only while the session is
     * pending, and only once: the conditional update lets exactly one of several racing decisions win.
     */
    public AuthStatus decide(String sessionId, Device device, String user, boolean approve, String number, Actor actor) {
        AuthSession session = find(sessionId).filter(s -> s.identityId().equals(device.identityId()))
                .orElseThrow(AuthSessions::unknownSession);
        AuthStatus current = session.statusAt(clock.instant());
        if (current != AuthStatus.PENDING) {
            throw new Refusal(Refusal.Kind.CONFLICT, "auth-session-closed", "This login was already decided or has ended",
                    Map.of("sessionStatus", current.name()));
        }
        Identities.requireActive(identities.byId(session.identityId()));
        AuthStatus outcome = session.outcomeOf(approve, number);
        close(session, outcome, device.id());
        if (outcome == AuthStatus.APPROVED) {
            identities.countSuccessfulLogin(session.identityId());
        }
        String detail = approve && outcome == AuthStatus.DENIED ? "wrong number picked" : null;
        audit.record(actor, "login.decide", "auth-session:" + session.id() + " (" + user + ")",
                outcome == AuthStatus.APPROVED ? Outcome.SUCCESS : Outcome.DENIED, detail);
        return outcome;
    }

    /** A blocked newcomer may be a thief in the middle of logging in: every waiting login of the identity ends. */
    void cancelPendingOnBlock(@Observes DeviceBlocked blocked) {
        cancelPendingWhere("s.identityId", blocked.identityId());
    }

    /** A revoked relying party could not read the outcome anyway: its waiting logins end. */
    void cancelPendingOf(RelyingParty party) {
        cancelPendingWhere("s.relyingPartyId", party.id());
    }

    /** {@code column} is one of the two above, never text from outside. */
    private void cancelPendingWhere(String column, String id) {
        em.createQuery("UPDATE AuthSession s SET s.status = :cancelled, s.decidedAt = :now"
                        + " WHERE " + column + " = :id AND s.status = :pending")
                .setParameter("cancelled", AuthStatus.CANCELLED)
                .setParameter("now", clock.instant())
                .setParameter("id", id)
                .setParameter("pending", AuthStatus.PENDING)
                .executeUpdate();
    }

    public List<PendingLogin> pendingFor(String identityId) {
        Instant now = clock.instant();
        List<Object[]> rows = em.createQuery("SELECT s, r.name FROM AuthSession s, RelyingParty r"
                        + " WHERE s.relyingPartyId = r.id AND s.identityId = :identity AND s.status = :pending"
                        + " AND s.expiresAt > :now ORDER BY s.createdAt", Object[].class)
                .setParameter("identity", identityId)
                .setParameter("pending", AuthStatus.PENDING)
                .setParameter("now", now)
                .getResultList();
        return rows.stream().map(row -> PendingLogin.of((AuthSession) row[0], (String) row[1])).toList();
    }

    private long pendingCount(String identityId, Instant now) {
        return em.createQuery("SELECT COUNT(s) FROM AuthSession s WHERE s.identityId = :identity"
                        + " AND s.status = :pending AND s.expiresAt > :now", Long.class)
                .setParameter("identity", identityId)
                .setParameter("pending", AuthStatus.PENDING)
                .setParameter("now", now)
                .getSingleResult();
    }

    private void close(AuthSession session, AuthStatus outcome, String deviceId) {
        if (!closeIfPending(session, outcome, deviceId)) {
            throw new Refusal(Refusal.Kind.CONFLICT, "auth-session-closed", "This login was already decided or has ended",
                    Map.of("sessionStatus", settledStatus(session).name()));
        }
    }

    /**
     * The status the racing decision left. On H2 the winner's commit can release its row lock a moment before
     * its new row is visible to the next statement (seen with WRITE_DELAY=0), so the refreshed session may still
     * read PENDING: it is read again for at most 200 ms.
     */
    private AuthStatus settledStatus(AuthSession session) {
        AuthStatus status = AuthStatus.PENDING;
        for (int attempt = 0; attempt < SETTLE_ATTEMPTS && status == AuthStatus.PENDING; attempt++) {
            if (attempt > 0) {
                pause();
            }
            em.refresh(session);
            status = session.statusAt(clock.instant());
        }
        return status;
    }

    private static void pause() {
        try {
            Thread.sleep(SETTLE_PAUSE_MILLIS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The conditional update: true for the one request that moved the session out of PENDING. */
    private boolean closeIfPending(AuthSession session, AuthStatus outcome, String deviceId) {
        Instant now = clock.instant();
        int changed = em.createQuery("UPDATE AuthSession s SET s.status = :outcome, s.deviceId = :device,"
                        + " s.decidedAt = :now WHERE s.id = :id AND s.status = :pending AND s.expiresAt > :now")
                .setParameter("outcome", outcome)
                .setParameter("device", deviceId)
                .setParameter("now", now)
                .setParameter("id", session.id())
                .setParameter("pending", AuthStatus.PENDING)
                .executeUpdate();
        return changed == 1;
    }

    private Optional<AuthSession> find(String sessionId) {
        return Optional.ofNullable(em.find(AuthSession.class, sessionId));
    }

    static Refusal unknownSession() {
        return new Refusal(Refusal.Kind.NOT_FOUND, "unknown-auth-session", "No such login session");
    }
}
