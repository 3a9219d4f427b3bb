package org.twofold.restore.control;

import java.time.Instant;

import org.twofold.notification.control.InboxItem;
import org.twofold.restore.entity.DuplicationClaim;

/** A claim waiting for an old device's confirmation (PROTOCOL.md pending item CONFIRM_DUPLICATION). */
public record PendingDuplication(String type, String offerId, String claimId, String deviceName, String fingerprint,
                                 Instant expiresAt) implements InboxItem {

    static PendingDuplication of(DuplicationClaim claim) {
        return new PendingDuplication("CONFIRM_DUPLICATION", claim.offerId(), claim.id(), claim.deviceName(),
                claim.fingerprint(), claim.expiresAt());
    }
}
