package org.twofold.restore.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The short code both phones show for a claiming key: 40 bits of SHA-256 as XXXX-XXXX Crockford base32. */
class FingerprintTest {

    private static final String CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final Pattern FORMAT = Pattern.compile("[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}");
    private static final String KEY = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEhx3nTZ1CjbnFDDHYxYY5yb4pVy6TVrOp7wUW9dVoNp4o"
            + "3hRk1bBfdx2l7m5J4sT2xHZ0u3A1K0GW7oPq8zNkRg==";

    @Test
    void isDeterministic() {
        assertEquals(Fingerprint.of(KEY), Fingerprint.of(KEY));
        assertEquals(Fingerprint.of(KEY), Fingerprint.of(new String(KEY.toCharArray())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x", "MFkw", "a somewhat longer key with spaces and / + = signs"})
    void hasTheFormatOfTwoCrockfordGroups(String key) {
        String fingerprint = Fingerprint.of(key);
        assertTrue(FORMAT.matcher(fingerprint).matches(), fingerprint);
    }

    @Test
    void isTheFirstFortyBitsOfTheKeysSha256() throws Exception {
        for (String key : new String[] {KEY, "", "x", "MFkw"}) {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.US_ASCII));
            long expected = 0;
            for (int i = 0; i < 5; i++) {
                expected = (expected << 8) | (digest[i] & 0xFF);
            }
            assertEquals(expected, decode(Fingerprint.of(key)), key);
        }
    }

    @Test
    void knownValue() {
        // SHA-256("") starts e3b0c44298; those 40 bits in 5-bit groups: 28 14 24 12 8 16 20 24
        assertEquals("WERC-8GMR", Fingerprint.of(""));
    }

    @Test
    void aOneCharacterChangeChangesIt() {
        String other = KEY.substring(0, 40) + (KEY.charAt(40) == 'A' ? 'B' : 'A') + KEY.substring(41);
        assertNotEquals(Fingerprint.of(KEY), Fingerprint.of(other));
        assertNotEquals(Fingerprint.of("a"), Fingerprint.of("b"));
        assertNotEquals(Fingerprint.of("ab"), Fingerprint.of("ba"));
    }

    @Test
    void differentKeysHaveDifferentFingerprints() {
        // 40 bits: among 10,000 keys the chance of any collision is about 5e-5
        Random random = new Random(20260115);
        Set<String> keys = new HashSet<>();
        Set<String> fingerprints = new HashSet<>();
        Set<Character>[] seen = seenPerPosition();
        byte[] raw = new byte[91];
        while (keys.size() < 10_000) {
            random.nextBytes(raw);
            String key = Base64.getEncoder().encodeToString(raw);
            if (keys.add(key)) {
                String fingerprint = Fingerprint.of(key);
                fingerprints.add(fingerprint);
                for (int i = 0; i < fingerprint.length(); i++) {
                    seen[i].add(fingerprint.charAt(i));
                }
            }
        }
        assertEquals(10_000, fingerprints.size(), "collisions among 10,000 random keys");
        for (int i = 0; i < seen.length; i++) {
            if (i == 4) {
                assertEquals(Set.of('-'), seen[i]);
            } else {
                assertEquals(32, seen[i].size(), "every Crockford character appears at position " + i);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Set<Character>[] seenPerPosition() {
        Set<Character>[] seen = new Set[9];
        for (int i = 0; i < seen.length; i++) {
            seen[i] = new HashSet<>();
        }
        return seen;
    }

    private static long decode(String fingerprint) {
        long bits = 0;
        for (char c : fingerprint.replace("-", "").toCharArray()) {
            int value = CROCKFORD.indexOf(c);
            assertTrue(value >= 0, "Crockford character: " + c);
            bits = (bits << 5) | value;
        }
        return bits;
    }
}
