package org.twofold.policy.entity;

/**
 * One setting of a restore policy, by its name in PROTOCOL.md. A policy may leave any setting out (except
 * {@code default}, which sets all); resolution takes each setting from the highest-priority policy that
 * applies to the identity and sets it.
 */
public enum PolicySetting {
    RESTORE_ALLOWED("restoreAllowed", Kind.FLAG),
    DUPLICATION_ALLOWED("duplicationAllowed", Kind.FLAG),
    AUTO_WIPE_OLD_DEVICES("autoWipeOldDevices", Kind.FLAG),
    KEEP_OLD_DEVICES_ALLOWED("keepOldDevicesAllowed", Kind.FLAG),
    RESTORE_CODE_DELIVERY("restoreCodeDelivery", Kind.CHANNEL),
    OTP_CHANNEL("otpChannel", Kind.OTP_CHANNEL),
    AUTO_ACTIVATE_FOR_NEW_USERS("autoActivateForNewUsers", Kind.FLAG),
    /** how users the directory sync creates get their activation code (additive to PROTOCOL.md) */
    ACTIVATION_CODE_DELIVERY("activationCodeDelivery", Kind.ACTIVATION_DELIVERY),
    LOST_CODE_REISSUE_CHANNELS("lostCodeReissueChannels", Kind.CHANNELS),
    REISSUE_NEEDS_SECOND_OPERATOR("reissueNeedsSecondOperator", Kind.FLAG),
    MAX_DEVICES_PER_IDENTITY("maxDevicesPerIdentity", Kind.COUNT),
    /**
     * Failed restore guesses (codes, OTPs) per user name or address before a lock of 15 minutes and
     * more. Only the default policy sets it: a limit per group would tell a guesser which names exist.
     */
    FAILURES_BEFORE_LOCK("failuresBeforeLock", Kind.COUNT),
    /** Failures without a completed restore before only an operator can unlock; default policy only. */
    FAILURES_BEFORE_OPERATOR_LOCK("failuresBeforeOperatorLock", Kind.COUNT);

    private final String jsonName;
    private final Kind kind;

    PolicySetting(String jsonName, Kind kind) {
        this.jsonName = jsonName;
        this.kind = kind;
    }

    public String jsonName() {
        return jsonName;
    }

    public Kind kind() {
        return kind;
    }

    /** Settings that hold for user names before anyone knows whose they are, so only {@code default} sets them. */
    public boolean globalOnly() {
        return this == FAILURES_BEFORE_LOCK || this == FAILURES_BEFORE_OPERATOR_LOCK;
    }

    public enum Kind {
        FLAG, CHANNEL, OTP_CHANNEL, CHANNELS, COUNT, ACTIVATION_DELIVERY
    }
}
