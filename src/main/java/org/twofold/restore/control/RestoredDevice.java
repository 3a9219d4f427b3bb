package org.twofold.restore.control;

import java.util.Optional;

import org.twofold.delivery.entity.Channel;
import org.twofold.device.control.BoundDevice;

/**
 * A restore completed: the new device, its token (given once), the new restore code (none when the
 * policy's channel cannot reach the user; restore is off then), and whether the old devices stayed active
 * (kept as asked and allowed, or not wiped by policy).
 */
public record RestoredDevice(String user, BoundDevice bound, Optional<IssuedRestoreCode> restoreCode, Channel delivery,
                             boolean oldDevicesKept) {
}
