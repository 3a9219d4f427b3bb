package org.twofold.crypto.control;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * Random secrets. Human-typed codes use Crockford base32 in groups of four (no I, L, O, U; reading
 * them back forgives case, dashes, spaces and the look-alikes); machine secrets are base64url.
 */
public class SecretCodes {

    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    static final int GROUP = 4;

    private final SecureRandom random;

    public SecretCodes(SecureRandom random) {
        this.random = random;
    }

    /** A grouped code of at least {@code minBits} bits of entropy, in whole groups of four characters. */
    public String groupedCode(int minBits) {
        int chars = (minBits + 4) / 5;
        chars = (chars + GROUP - 1) / GROUP * GROUP;
        StringBuilder code = new StringBuilder(chars + chars / GROUP);
        for (int i = 0; i < chars; i++) {
            if (i > 0 && i % GROUP == 0) {
                code.append('-');
            }
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /** A base64url token of {@code bytes} random bytes behind a readable prefix (helps secret scanners). */
    public String token(String prefix, int bytes) {
        byte[] raw = new byte[bytes];
        random.nextBytes(raw);
        return prefix + Base64Url.encode(raw);
    }

    /** Decimal digits, e.g. an OTP. */
    public String digits(int count) {
        StringBuilder digits = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            digits.append((char) ('0' + random.nextInt(10)));
        }
        return digits.toString();
    }

    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /** The canonical form of a typed grouped code, the form that is hashed. */
    public static String normalize(String typed) {
        StringBuilder canonical = new StringBuilder(typed.length());
        for (char c : typed.toUpperCase(Locale.ROOT).toCharArray()) {
            switch (c) {
                case '-', ' ', '\t' -> { }
                case 'O' -> canonical.append('0');
                case 'I', 'L' -> canonical.append('1');
                default -> canonical.append(c);
            }
        }
        return canonical.toString();
    }
}
