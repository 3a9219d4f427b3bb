package org.twofold.crypto.control;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;

/**
 * A signed device request (PROTOCOL.md, "Keys and signatures"): the device signs
 * {@code METHOD \n PATH \n TIMESTAMP \n base64url(SHA-256(body))} with ECDSA P-256, P1363 encoding.
 */
public record RequestSignature(String method, String path, String timestamp, byte[] body, String signature) {

    static final String ALGORITHM = "SHA256withECDSAinP1363Format";
    static final int P1363_LENGTH = 64;

    public String signedString() {
        return method + "\n" + path + "\n" + timestamp + "\n" + Base64Url.encode(sha256(body));
    }

    /** True when the timestamp is a number of epoch milliseconds no further than {@code maxSkew} from {@code now}. */
    public boolean isFresh(Instant now, Duration maxSkew) {
        try {
            long millis = Long.parseLong(timestamp);
            // compared against the window's ends, not via |now - millis|, which overflows for far-away numbers
            long nowMillis = now.toEpochMilli();
            return millis >= nowMillis - maxSkew.toMillis() && millis <= nowMillis + maxSkew.toMillis();
        } catch (NumberFormatException notANumber) {
            return false;
        }
    }

    public boolean verifiesWith(ECPublicKey key) {
        var raw = Base64Url.decode(signature);
        if (raw.isEmpty() || raw.get().length != P1363_LENGTH) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(signedString().getBytes(StandardCharsets.UTF_8));
            return verifier.verify(raw.get());
        } catch (GeneralSecurityException | RuntimeException invalid) {
            return false;
        }
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
