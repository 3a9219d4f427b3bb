package org.twofold.crypto.control;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed hashes (HMAC-SHA-256 with the pepper) of secrets: the only form in which activation codes,
 * restore codes, OTPs, device tokens and API keys are stored. Each kind of secret hashes under its
 * own purpose, so a hash of one kind never matches another.
 */
public class SecretHasher {

    private final SecretKeySpec key;

    public SecretHasher(Pepper pepper) {
        this.key = new SecretKeySpec(pepper.key(), "HmacSHA256");
    }

    public String hash(SecretPurpose purpose, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(purpose.name().getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) 0);
            return Base64Url.encode(mac.doFinal(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    public boolean matches(SecretPurpose purpose, String secret, String storedHash) {
        byte[] actual = hash(purpose, secret).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(actual, storedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
