package org.twofold.device.entity;

/** How a device came to hold the identity. */
public enum BoundVia {
    ENROLLMENT,
    RESTORE,
    DUPLICATION_QR,
    DUPLICATION_CODE
}
