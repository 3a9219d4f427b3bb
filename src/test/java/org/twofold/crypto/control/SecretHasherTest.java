package org.twofold.crypto.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Keyed hashes of secrets: HMAC-SHA-256 with the pepper, separated by purpose. */
class SecretHasherTest {

    private static final byte[] PEPPER = bytes(1);

    private final SecretHasher hasher = new SecretHasher(Pepper.of(PEPPER));

    @Test
    void sameSecretAndPurposeGiveTheSameHash() {
        assertEquals(hasher.hash(SecretPurpose.RESTORE_CODE, "ABCD1234"), hasher.hash(SecretPurpose.RESTORE_CODE, "ABCD1234"));
        SecretHasher other = new SecretHasher(Pepper.of(PEPPER.clone()));
        assertEquals(hasher.hash(SecretPurpose.OTP, "12345678"), other.hash(SecretPurpose.OTP, "12345678"));
    }

    @Test
    void differentPurposesGiveDifferentHashes() {
        Set<String> hashes = new HashSet<>();
        for (SecretPurpose purpose : SecretPurpose.values()) {
            hashes.add(hasher.hash(purpose, "same secret"));
        }
        assertEquals(SecretPurpose.values().length, hashes.size());
    }

    @Test
    void differentSecretsGiveDifferentHashes() {
        assertNotEquals(hasher.hash(SecretPurpose.OTP, "12345678"), hasher.hash(SecretPurpose.OTP, "12345679"));
        assertNotEquals(hasher.hash(SecretPurpose.OTP, ""), hasher.hash(SecretPurpose.OTP, " "));
    }

    @Test
    void differentPepperGivesDifferentHash() {
        SecretHasher other = new SecretHasher(Pepper.of(bytes(2)));
        assertNotEquals(hasher.hash(SecretPurpose.API_KEY, "tf_rp_secret"), other.hash(SecretPurpose.API_KEY, "tf_rp_secret"));
        assertFalse(other.matches(SecretPurpose.API_KEY, "tf_rp_secret", hasher.hash(SecretPurpose.API_KEY, "tf_rp_secret")));
    }

    @Test
    void hashIsHmacSha256OfPurposeZeroByteSecretWithThePepper() throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(PEPPER, "HmacSHA256"));
        mac.update("DEVICE_TOKEN".getBytes(StandardCharsets.US_ASCII));
        mac.update((byte) 0);
        String expected = Base64Url.encode(mac.doFinal("tf_dt_abc".getBytes(StandardCharsets.UTF_8)));
        assertEquals(expected, hasher.hash(SecretPurpose.DEVICE_TOKEN, "tf_dt_abc"));
        assertEquals(43, expected.length());
    }

    @Test
    void hashNeverContainsTheSecret() {
        String secret = "ABCDEFGHJKMNPQRSTVWXYZ";
        assertFalse(hasher.hash(SecretPurpose.RESTORE_CODE, secret).contains(secret));
    }

    @ParameterizedTest
    @EnumSource(SecretPurpose.class)
    void matchesTheRightSecretOnly(SecretPurpose purpose) {
        String stored = hasher.hash(purpose, "s3cret-ü");
        assertTrue(hasher.matches(purpose, "s3cret-ü", stored));
        assertFalse(hasher.matches(purpose, "s3cret-u", stored));
        assertFalse(hasher.matches(purpose, "S3CRET-Ü", stored));
        assertFalse(hasher.matches(purpose, "", stored));
        assertFalse(hasher.matches(purpose, "s3cret-ü", stored.substring(1)));
        assertFalse(hasher.matches(purpose, "s3cret-ü", ""));
    }

    @Test
    void aHashOfOnePurposeNeverMatchesAnother() {
        String activation = hasher.hash(SecretPurpose.ACTIVATION_CODE, "ABCD-EFGH");
        assertFalse(hasher.matches(SecretPurpose.RESTORE_CODE, "ABCD-EFGH", activation));
        assertTrue(hasher.matches(SecretPurpose.ACTIVATION_CODE, "ABCD-EFGH", activation));
    }

    @Test
    void pepperKeepsItsOwnCopyOfTheKey() {
        byte[] key = bytes(7);
        Pepper pepper = Pepper.of(key);
        String before = new SecretHasher(pepper).hash(SecretPurpose.OTP, "1");
        Arrays.fill(key, (byte) 0);
        assertEquals(before, new SecretHasher(pepper).hash(SecretPurpose.OTP, "1"));
    }

    private static byte[] bytes(int seed) {
        byte[] key = new byte[Pepper.LENGTH];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (seed * 31 + i);
        }
        return key;
    }
}
