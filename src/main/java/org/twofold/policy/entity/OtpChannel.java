package org.twofold.policy.entity;

/** How the one-time code of a restore's second step reaches the user; more channels can follow. */
public enum OtpChannel {
    EMAIL
}
