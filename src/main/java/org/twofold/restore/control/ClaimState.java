package org.twofold.restore.control;

/**
 * What the claiming device learns when it asks; the token only once, after confirmation. {@code user} (once
 * confirmed) names the identity the new device now holds, which a client shows and cannot learn otherwise.
 */
public record ClaimState(String status, String deviceId, String deviceToken, String user) {
}
