package org.twofold.restore.entity;

public enum ClaimStatus {
    PENDING,
    CONFIRMED,
    REJECTED,
    EXPIRED
}
