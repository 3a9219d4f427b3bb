package org.twofold.notification.entity;

/** What a notification tells every device of an identity. */
public enum NotificationType {
    DEVICE_ADDED(true),
    DEVICE_RESTORED(true),
    DEVICE_DUPLICATED(true),
    DEVICE_UNPAIRED(false),
    DEVICE_BLOCKED(false),
    RESTORE_CODE_REISSUED(false);

    private final boolean blockable;

    NotificationType(boolean blockable) {
        this.blockable = blockable;
    }

    /** Device additions carry a block action: the real owner can stop a newcomer at once. */
    public boolean blockable() {
        return blockable;
    }
}
