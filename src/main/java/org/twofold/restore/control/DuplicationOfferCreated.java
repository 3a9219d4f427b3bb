package org.twofold.restore.control;

import java.time.Instant;

/** An offer in clear text for the old device's QR; the secret is not stored like this. */
public record DuplicationOfferCreated(String offerId, String secret, String link, Instant expiresAt) {
}
