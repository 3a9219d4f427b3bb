package org.twofold.restore.control;

import org.twofold.device.control.BoundDevice;

/** A restore completed: the new device, its token (given once) and the new restore code. */
public record RestoredDevice(String user, BoundDevice bound, IssuedRestoreCode restoreCode) {
}
