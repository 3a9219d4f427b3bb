package org.twofold.restore.control;

/** What the claiming device keeps: its claim, the secret to fetch its token with, and the fingerprint. */
public record ClaimCreated(String claimId, String claimSecret, String fingerprint) {
}
