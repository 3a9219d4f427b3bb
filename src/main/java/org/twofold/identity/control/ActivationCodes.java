package org.twofold.identity.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.twofold.crypto.control.SecretCodes;
import org.twofold.crypto.control.SecretHasher;
import org.twofold.crypto.control.SecretPurpose;
import org.twofold.identity.entity.ActivationCode;
import org.twofold.platform.control.Refusal;

/** Issues and redeems one-time activation codes (≥ 128 bits, hashed at rest, 24 h by default). */
@ApplicationScoped
public class ActivationCodes {

    static final int BITS = 140;

    @PersistenceContext
    EntityManager em;

    @Inject
    SecretCodes codes;

    @Inject
    SecretHasher hasher;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "twofold.activation.validity-hours")
    int validityHours;

    public IssuedActivationCode issue(String identityId, String issuedBy) {
        return issue(identityId, issuedBy, Duration.ofHours(validityHours));
    }

    /** A code valid longer than usual, e.g. one that travels by post. */
    public IssuedActivationCode issue(String identityId, String issuedBy, Duration validity) {
        String code = codes.groupedCode(BITS);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(validity);
        em.persist(new ActivationCode(identityId, hash(code), issuedBy, now, expiresAt));
        return new IssuedActivationCode(code, expiresAt);
    }

    /**
     * Uses the code up and answers whose it was. The conditional update makes redemption single-use
     * even when two devices present the same code at the same moment.
     */
    public String redeem(String typedCode) {
        ActivationCode code = em.createQuery(
                        "SELECT a FROM ActivationCode a WHERE a.codeHash = :hash", ActivationCode.class)
                .setParameter("hash", hash(typedCode))
                .getResultStream().findFirst()
                .orElseThrow(ActivationCodes::invalid);
        Instant now = clock.instant();
        if (!code.isUsable(now)) {
            throw invalid();
        }
        int used = em.createQuery("UPDATE ActivationCode a SET a.usedAt = :now WHERE a.id = :id AND a.usedAt IS NULL")
                .setParameter("now", now)
                .setParameter("id", code.id())
                .executeUpdate();
        if (used != 1) {
            throw invalid();
        }
        return code.identityId();
    }

    private String hash(String code) {
        return hasher.hash(SecretPurpose.ACTIVATION_CODE, SecretCodes.normalize(code));
    }

    private static Refusal invalid() {
        return new Refusal(Refusal.Kind.INVALID, "invalid-activation-code",
                "The activation code is unknown, used or expired");
    }
}
