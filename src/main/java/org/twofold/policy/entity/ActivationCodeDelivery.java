package org.twofold.policy.entity;

/**
 * How a user whom the directory sync gives an identity receives the activation code for a first device.
 * NONE leaves it to the helpdesk (the operator hands out the enrollment QR).
 */
public enum ActivationCodeDelivery {
    NONE,
    /** a mail to the directory's address, with the activation link and its QR code attached */
    EMAIL,
    /** a letter in the print queue, to the directory's postal address */
    POSTAL_LETTER
}
