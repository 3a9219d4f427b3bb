package org.twofold.auth.control;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.twofold.audit.control.AuditTrail;
import org.twofold.audit.entity.Actor;
import org.twofold.audit.entity.Outcome;
import org.twofold.auth.entity.RelyingParty;
import org.twofold.crypto.control.SecretCodes;
import org.twofold.crypto.control.SecretHasher;
import org.twofold.crypto.control.SecretPurpose;
import org.twofold.platform.control.Refusal;

/** Relying parties and their API keys (shown once at creation, stored hashed). */
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
        audit.record(actor, "relying-party.create", "relying-party:" + name, Outcome.SUCCESS, null);
        return new Registered(party, apiKey);
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

    public record Registered(RelyingParty party, String apiKey) {
    }
}
