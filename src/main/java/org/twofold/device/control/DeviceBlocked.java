package org.twofold.device.control;

import org.twofold.device.entity.BoundVia;

/**
 * A device was blocked as unauthorised. Fired synchronously inside the blocking transaction, so what
 * other components do about it (killing a restore code, locking restore) commits with the block or not at all.
 */
public record DeviceBlocked(String identityId, String deviceId, BoundVia boundVia) {
}
