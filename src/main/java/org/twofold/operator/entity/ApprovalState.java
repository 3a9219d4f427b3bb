package org.twofold.operator.entity;

public enum ApprovalState {
    PENDING,
    APPROVED
}
