package org.twofold.crypto.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Random secrets: grouped Crockford codes, base64url tokens, digit OTPs. */
class SecretCodesTest {

    private static final String CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final Pattern GROUPED = Pattern.compile("[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4})*");

    private final SecretCodes codes = new SecretCodes(new SecureRandom());

    @Test
    void restoreCodeHasAtLeast128BitsInGroupsOfFourOfTheCrockfordAlphabet() {
        String code = codes.groupedCode(128);
        assertTrue(GROUPED.matcher(code).matches(), code);
        String chars = code.replace("-", "");
        assertTrue(chars.length() * 5 >= 128, code);
        for (String group : code.split("-", -1)) {
            assertEquals(4, group.length(), code);
        }
        for (char c : chars.toCharArray()) {
            assertTrue(CROCKFORD.indexOf(c) >= 0, "not Crockford: " + c);
        }
        assertEquals(chars.length() / 4 - 1, code.chars().filter(c -> c == '-').count(), "one dash between groups");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 20, 21, 40, 41, 64, 100, 128, 140, 160, 161, 256})
    void groupedCodeUsesTheFewestWholeGroupsThatHoldTheBits(int minBits) {
        String code = codes.groupedCode(minBits);
        assertTrue(GROUPED.matcher(code).matches(), code);
        int chars = code.replace("-", "").length();
        int neededChars = (minBits + 4) / 5;
        int expected = (neededChars + 3) / 4 * 4;
        assertEquals(expected, chars, code);
        assertTrue(chars * 5 >= minBits);
    }

    @Test
    void groupedCodeUsesTheWholeAlphabetAndNothingElse() {
        Set<Character> seen = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            for (char c : codes.groupedCode(128).replace("-", "").toCharArray()) {
                seen.add(c);
            }
        }
        assertEquals(32, seen.size(), "all 32 symbols appear over 14000 characters: " + seen);
        for (char forbidden : "ILOU".toCharArray()) {
            assertTrue(!seen.contains(forbidden), "look-alike " + forbidden);
        }
    }

    @Test
    void randomIndexMapsOntoTheAlphabetEnds() {
        assertEquals("0000-0000", new SecretCodes(fixed(0)).groupedCode(40));
        assertEquals("ZZZZ-ZZZZ", new SecretCodes(fixed(Integer.MAX_VALUE)).groupedCode(40));
        assertEquals("99999999", new SecretCodes(fixed(Integer.MAX_VALUE)).digits(8));
        assertEquals("00000000", new SecretCodes(fixed(0)).digits(8));
    }

    @Test
    void manyGeneratedCodesAreDistinct() {
        Set<String> grouped = new HashSet<>();
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            grouped.add(codes.groupedCode(128));
            tokens.add(codes.token("t_", 32));
        }
        assertEquals(10_000, grouped.size());
        assertEquals(10_000, tokens.size());
    }

    @Test
    void normalizeGivesBackTheCodeFromAnyReasonableTyping() {
        String code = codes.groupedCode(128);
        String canonical = code.replace("-", "");
        assertEquals(canonical, SecretCodes.normalize(code));
        assertEquals(canonical, SecretCodes.normalize(code.toLowerCase()));
        assertEquals(canonical, SecretCodes.normalize(code.replace('-', ' ')));
        assertEquals(canonical, SecretCodes.normalize("  " + code.toLowerCase().replace("-", " - ") + "\t"));
    }

    @ParameterizedTest
    @CsvSource({
            "abcd-efgh, ABCDEFGH",
            "'ab cd\tef', ABCDEF",
            "O0o0, 0000",
            "IiLl1, 11111",
            "'  z-z  z ', ZZZ",
            "'', ''"
    })
    void normalizeForgivesCaseDashesSpacesAndLookAlikes(String typed, String expected) {
        assertEquals(expected, SecretCodes.normalize(typed));
    }

    @Test
    void normalizeKeepsWhatItCannotForgive() {
        // characters that are not part of any code stay, so they cannot match a stored code
        assertEquals("ABC!", SecretCodes.normalize("abc!"));
        assertEquals("U", SecretCodes.normalize("u"));
    }

    @Test
    void normalizedCodeStaysInTheAlphabet() {
        for (int i = 0; i < 200; i++) {
            String code = codes.groupedCode(128);
            String normalized = SecretCodes.normalize(code);
            assertTrue(normalized.chars().allMatch(c -> CROCKFORD.indexOf(c) >= 0), normalized);
            assertEquals(normalized, SecretCodes.normalize(normalized), "idempotent");
        }
    }

    @ParameterizedTest
    @CsvSource({"tf_dt_, 32, 43", "tf_rp_, 32, 43", "x, 16, 22", "'', 1, 2", "p-, 3, 4"})
    void tokenIsPrefixPlusUnpaddedBase64Url(String prefix, int bytes, int encodedLength) {
        String token = codes.token(prefix, bytes);
        assertTrue(token.startsWith(prefix), token);
        String encoded = token.substring(prefix.length());
        assertEquals(encodedLength, encoded.length(), token);
        assertTrue(encoded.matches("[A-Za-z0-9_-]+"), token);
        assertEquals(bytes, Base64Url.decode(encoded).orElseThrow().length);
    }

    @Test
    void digitsAreExactlyThatManyDecimalDigitsAllOfThemUsed() {
        Set<Character> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String otp = codes.digits(8);
            assertTrue(otp.matches("[0-9]{8}"), otp);
            otp.chars().forEach(c -> seen.add((char) c));
        }
        assertEquals(10, seen.size());
        assertEquals("", codes.digits(0));
    }

    @Test
    void nextIntStaysInBounds() {
        for (int i = 0; i < 1000; i++) {
            int n = codes.nextInt(90);
            assertTrue(n >= 0 && n < 90, String.valueOf(n));
        }
    }

    /** A random source whose nextInt(bound) always answers min(value, bound - 1). */
    private static SecureRandom fixed(int value) {
        return new SecureRandom() {
            @Override
            public int nextInt(int bound) {
                return Math.min(value, bound - 1);
            }
        };
    }
}
