package org.twofold.restore.control;

import java.time.Instant;

/** Step one succeeded: the OTP is on its way to {@code otpSentTo} (masked). */
public record StartedRestore(String restoreId, String otpSentTo, Instant expiresAt) {
}
