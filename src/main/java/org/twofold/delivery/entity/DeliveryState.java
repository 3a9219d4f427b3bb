package org.twofold.delivery.entity;

/** Where a restore code on its way through a channel is. */
public enum DeliveryState {
    /** held sealed: a letter waiting for its batch, a handout or a call waiting for the helpdesk */
    PENDING,
    /** a letter in a downloaded batch, not yet confirmed as printed */
    BATCHED,
    /** printed, handed out, read out or mailed; the code is destroyed here */
    DELIVERED,
    /** a newer code replaced this one before it was delivered; the code is destroyed */
    SUPERSEDED
}
