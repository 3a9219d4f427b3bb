package org.twofold.crypto.control;

/** What a hashed secret is for; part of the hash input (domain separation). */
public enum SecretPurpose {
    ACTIVATION_CODE,
    DEVICE_TOKEN,
    API_KEY,
    RESTORE_CODE,
    OTP,
    DUPLICATION_SECRET,
    CLAIM_SECRET,
    /** derives a duplicated device's token from its claim secret */
    DUPLICATION_TOKEN
}
