package org.twofold.restore.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.twofold.restore.entity.DuplicationOfferTest.EXPIRES;
import static org.twofold.restore.entity.DuplicationOfferTest.NOW;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A new device's claim on an offer: pending until decided, expired with the offer if nobody decides. */
class DuplicationClaimTest {

    private final DuplicationOffer offer = new DuplicationOffer("identity-1", "old-phone", "secret-hash", NOW, EXPIRES);

    @Test
    void aClaimTakesTheOffersIdentityAndLifetime() {
        DuplicationClaim claim = claim();
        assertEquals(offer.id(), claim.offerId());
        assertEquals("identity-1", claim.identityId());
        assertEquals(EXPIRES, claim.expiresAt());
        assertEquals("MFkw-new-key", claim.publicKey());
        assertEquals("Pixel 9", claim.deviceName());
        assertEquals("android", claim.platform());
        assertEquals("claim-secret-hash", claim.claimSecretHash());
        assertEquals("token-hash", claim.tokenHash());
        assertEquals("ABCD-EFGH", claim.fingerprint());
        assertNull(claim.deviceId());
        assertFalse(claim.tokenDelivered());
        assertNotEquals(claim.id(), claim().id());
    }

    @Test
    void aNewClaimIsPendingUntilTheOfferExpires() {
        DuplicationClaim claim = claim();
        assertEquals(ClaimStatus.PENDING, claim.statusAt(NOW));
        assertEquals(ClaimStatus.PENDING, claim.statusAt(EXPIRES.minusMillis(1)));
        assertEquals(ClaimStatus.EXPIRED, claim.statusAt(EXPIRES), "expired at the expiry instant");
        assertEquals(ClaimStatus.EXPIRED, claim.statusAt(EXPIRES.plusSeconds(3600)));
    }

    @ParameterizedTest
    @EnumSource(value = ClaimStatus.class, names = {"CONFIRMED", "REJECTED", "EXPIRED"})
    void aDecidedClaimKeepsItsStatusBeforeAndAfterExpiry(ClaimStatus decided) throws ReflectiveOperationException {
        DuplicationClaim claim = claim();
        DuplicationOfferTest.set(claim, "status", decided);
        assertEquals(decided, claim.statusAt(NOW));
        assertEquals(decided, claim.statusAt(EXPIRES));
        assertEquals(decided, claim.statusAt(EXPIRES.plusSeconds(3600)));
    }

    private DuplicationClaim claim() {
        return new DuplicationClaim(offer, "MFkw-new-key", "Pixel 9", "android", "claim-secret-hash", "token-hash",
                "ABCD-EFGH", NOW.plusSeconds(10));
    }
}
