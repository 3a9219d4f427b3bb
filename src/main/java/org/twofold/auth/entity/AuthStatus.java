package org.twofold.auth.entity;

public enum AuthStatus {
    PENDING,
    APPROVED,
    DENIED,
    EXPIRED,
    CANCELLED
}
