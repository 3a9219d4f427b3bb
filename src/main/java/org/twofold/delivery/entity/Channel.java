package org.twofold.delivery.entity;

/** How a restore code reaches its user (DESIGN.md, "Delivery channel"). */
public enum Channel {
    /** shown once on the device that asked for it */
    DEVICE_DISPLAY,
    /** mailed through the outbox */
    EMAIL,
    /** printed in a batch of letters and posted to the directory's address */
    POSTAL_LETTER,
    /** printed on a handout the helpdesk gives the user after checking who they are */
    IN_PERSON,
    /** read out by the helpdesk to a caller it has verified */
    PHONE;

    /** Channels a helpdesk can re-issue a lost code through: all but the display of a device the user lost. */
    public boolean reissuable() {
        return this != DEVICE_DISPLAY;
    }
}
