package org.twofold.auth.control;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import org.twofold.audit.control.AuditTrail;
import org.twofold.audit.entity.Actor;
import org.twofold.audit.entity.Outcome;
import org.twofold.auth.entity.RelyingParty;
import org.twofold.crypto.control.SecretCodes;
import org.twofold.crypto.control.SecretHasher;
import org.twofold.crypto.control.SecretPurpose;
import org.twofold.platform.control.Refusal;

/** Relying parties and their API keys (shown once at creation or rotation, stored hashed). */
@ApplicationScoped
public class RelyingParties {

    static final String KEY_PREFIX = "tfk_";

    @PersistenceContext
    EntityManager em;

    @Inject
    SecretCodes codes;

    @Inject
    SecretHasher hasher;

    @Inject
    AuditTrail audit;

    @Inject
    AuthSessions sessions;

    @Inject
    Clock clock;

    public Registered register(String name, Actor actor) {
        boolean taken = !em.createQuery("SELECT r.id FROM RelyingParty r WHERE r.name = :name", String.class)
                .setParameter("name", name).setMaxResults(1).getResultList().isEmpty();
        if (taken) {
            throw new Refusal(Refusal.Kind.CONFLICT, "relying-party-exists", "A relying party with this name exists");
        }
        String apiKey = codes.token(KEY_PREFIX, 32);
        RelyingParty party = new RelyingParty(name, hasher.hash(SecretPurpose.API_KEY, apiKey), clock.instant());
        em.persist(party);
        audit.record(actor, "relying-party.create", target(party), Outcome.SUCCESS, null);
        return new Registered(party, apiKey);
    }

    /**
     * A new key for the party; the old one is refused from this commit on. A revoked party stays revoked:
     * a new key would not bring it back.
     */
    public Registered rotate(String id, Actor actor) {
        RelyingParty party = locked(id);
        if (party.isRevoked()) {
            throw new Refusal(Refusal.Kind.CONFLICT, "relying-party-revoked", "This relying party is revoked");
        }
        String apiKey = codes.token(KEY_PREFIX, 32);
        party.replaceKey(hasher.hash(SecretPurpose.API_KEY, apiKey));
        audit.record(actor, "relying-party.rotate", target(party), Outcome.SUCCESS, null);
        return new Registered(party, apiKey);
    }

    /**
     * Refuses the party's key for good and cancels the logins it has waiting, so phones stop asking on its
     * behalf. Revoking a revoked party changes nothing.
     */
    public RelyingParty revoke(String id, Actor actor) {
        RelyingParty party = locked(id);
        if (!party.isRevoked()) {
            party.revoke(clock.instant());
            sessions.cancelPendingOf(party);
            audit.record(actor, "relying-party.revoke", target(party), Outcome.SUCCESS, null);
        }
        return party;
    }

    public List<RelyingParty> all() {
        return em.createQuery("SELECT r FROM RelyingParty r ORDER BY r.name", RelyingParty.class).getResultList();
    }

    /** The active relying party holding this key, if any. */
    public Optional<RelyingParty> byApiKey(String apiKey) {
        return em.createQuery("SELECT r FROM RelyingParty r WHERE r.apiKeyHash = :hash", RelyingParty.class)
                .setParameter("hash", hasher.hash(SecretPurpose.API_KEY, apiKey))
                .getResultStream().filter(party -> !party.isRevoked()).findFirst();
    }

    /** Rotation and revocation of one party wait for each other. */
    private RelyingParty locked(String id) {
        RelyingParty party = em.find(RelyingParty.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (party == null) {
            throw new Refusal(Refusal.Kind.NOT_FOUND, "unknown-relying-party", "No such relying party");
        }
        if (party.id().equals(RelyingParty.SELF_SERVICE_ID)) {
            throw new Refusal(Refusal.Kind.CONFLICT, "built-in-relying-party", "This party is the appliance's own"
                    + " self-service panel: it has no key, and revoking it would shut users out of the panel");
        }
        return party;
    }

    private static String target(RelyingParty party) {
        return "relying-party:" + party.name();
    }

    public record Registered(RelyingParty party, String apiKey) {
    }
}
