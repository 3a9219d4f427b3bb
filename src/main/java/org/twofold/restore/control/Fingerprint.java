package org.twofold.restore.control;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A short code derived from a claiming device's public key, shown on both phones: when they match, the
 * old phone confirms the phone in the user's hand and not one that raced it to the QR.
 * Eight Crockford base32 characters of SHA-256(publicKey), shown as two groups of four (40 bits).
 */
public final class Fingerprint {

    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private Fingerprint() {
    }

    public static String of(String publicKey) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(publicKey.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        long bits = 0;
        for (int i = 0; i < 5; i++) {
            bits = (bits << 8) | (digest[i] & 0xFF);
        }
        StringBuilder code = new StringBuilder(9);
        for (int i = 7; i >= 0; i--) {
            code.append(ALPHABET.charAt((int) ((bits >>> (i * 5)) & 31)));
            if (i == 4) {
                code.append('-');
            }
        }
        return code.toString();
    }
}
