package org.twofold.device.entity;

public enum DeviceState {
    ACTIVE,
    /** wiped remotely (by a device of the ID, the user's panel, an operator or a restore) */
    UNPAIRED,
    /** reported as unauthorised by the user */
    BLOCKED
}
