package org.twofold.restore.control;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import org.twofold.crypto.control.SecretCodes;
import org.twofold.crypto.control.SecretHasher;
import org.twofold.crypto.control.SecretPurpose;
import org.twofold.device.control.DeviceBlocked;
import org.twofold.device.entity.BoundVia;
import org.twofold.identity.control.Identities;
import org.twofold.restore.entity.RestoreCredential;

/**
 * Restore codes: ≥ 128 bits, grouped Crockford base32, stored only as a keyed hash, replaced after every
 * use. Issuing a code switches restore activation on; a blocked newcomer from a restore or duplication
 * kills the code it was shown and shuts restore until the user re-activates it or an operator opens it.
 */
@ApplicationScoped
public class RestoreCodes {

    static final int BITS = 128;
    /** Compared against when there is nothing to compare, so that every refusal costs the same. */
    private static final String NO_CODE = "no-restore-code";
    private static final String NO_IDENTITY = "no-identity";

    @PersistenceContext
    EntityManager em;

    @Inject
    SecretCodes codes;

    @Inject
    SecretHasher hasher;

    @Inject
    Identities identities;

    @Inject
    Clock clock;

    /** A new code for the identity (the old one dies); {@code shownToDeviceId} is null for other channels. */
    public String issue(String identityId, String shownToDeviceId) {
        String code = codes.groupedCode(BITS);
        RestoreCredential credential = lockedCredential(identityId);
        credential.replaceCode(hash(code), shownToDeviceId, clock.instant());
        identities.restoreActive(identityId, true);
        return code;
    }

    /** The identity's code dies and restore is off until a new code is issued. */
    public void retire(String identityId) {
        lockedCredential(identityId).retire();
        identities.restoreActive(identityId, false);
    }

    /** True when restore is on for the identity, not shut by a block, and the typed code is its code. */
    public boolean matches(Optional<String> identityId, String typedCode) {
        // looked up for unknown users too (under an id no identity has): every refusal costs the same
        Optional<RestoreCredential> credential = Optional.ofNullable(
                em.find(RestoreCredential.class, identityId.orElse(NO_IDENTITY)));
        String stored = credential.filter(RestoreCredential::hasCode).map(RestoreCredential::codeHash).orElse(NO_CODE);
        boolean right = hasher.matches(SecretPurpose.RESTORE_CODE, SecretCodes.normalize(typedCode), stored);
        return right && credential.isPresent() && !credential.get().lockedByBlock();
    }

    /**
     * True while the identity's restore code is still the one that was current at {@code startedAt}: a code
     * replaced since (a re-issue, another completed restore) or killed by a block ends every restore that was
     * started with it, even one whose OTP is already on its way.
     */
    public boolean unchangedSince(String identityId, Instant startedAt) {
        RestoreCredential credential = em.find(RestoreCredential.class, identityId);
        return credential != null && credential.hasCode() && !credential.issuedAt().isAfter(startedAt);
    }

    public boolean isLockedByBlock(String identityId) {
        RestoreCredential credential = em.find(RestoreCredential.class, identityId);
        return credential != null && credential.lockedByBlock();
    }

    /** An operator opens restore again after a block (the code stays dead until a new one is issued). */
    public void unlockAfterBlock(String identityId) {
        RestoreCredential credential = em.find(RestoreCredential.class, identityId, LockModeType.PESSIMISTIC_WRITE);
        if (credential != null) {
            credential.unlock();
        }
    }

    void blocked(@Observes DeviceBlocked blocked) {
        if (blocked.boundVia() == BoundVia.ENROLLMENT) {
            return;
        }
        RestoreCredential credential = lockedCredential(blocked.identityId());
        credential.lockAfterBlock(blocked.deviceId());
        if (!credential.hasCode()) {
            identities.restoreActive(blocked.identityId(), false);
        }
    }

    private RestoreCredential lockedCredential(String identityId) {
        RestoreCredential credential = em.find(RestoreCredential.class, identityId, LockModeType.PESSIMISTIC_WRITE);
        if (credential == null) {
            credential = new RestoreCredential(identityId);
            em.persist(credential);
        }
        return credential;
    }

    private String hash(String code) {
        return hasher.hash(SecretPurpose.RESTORE_CODE, SecretCodes.normalize(code));
    }
}
