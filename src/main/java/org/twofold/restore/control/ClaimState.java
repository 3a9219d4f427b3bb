package org.twofold.restore.control;

/** What the claiming device learns when it asks; the token only once, after confirmation. */
public record ClaimState(String status, String deviceId, String deviceToken) {
}
