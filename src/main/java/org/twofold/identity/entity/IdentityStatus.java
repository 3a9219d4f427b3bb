package org.twofold.identity.entity;

public enum IdentityStatus {
    ACTIVE,
    /** switched off by the user or an operator; devices stay bound but every login fails */
    DEACTIVATED,
    /** too many failures; an operator unlocks it */
    LOCKED
}
