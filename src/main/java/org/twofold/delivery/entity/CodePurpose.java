package org.twofold.delivery.entity;

/** What a delivered code is for: getting an ID back (restore code) or setting up the first device (activation code). */
public enum CodePurpose {
    RESTORE,
    ACTIVATION
}
