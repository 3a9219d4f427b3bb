package org.twofold.audit.entity;

public enum Outcome {
    SUCCESS,
    /** refused for a reason the actor should not know more about (wrong code, wrong number) */
    DENIED,
    FAILED
}
