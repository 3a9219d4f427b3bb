package org.twofold.crypto.control;

import java.util.Base64;
import java.util.Optional;

/** base64url without padding, the protocol's binary encoding. */
public final class Base64Url {

    private Base64Url() {
    }

    public static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Empty when the text is not strict base64url (padding, other alphabets and whitespace are refused). */
    public static Optional<byte[]> decode(String text) {
        if (text == null || text.indexOf('=') >= 0 || text.indexOf('+') >= 0 || text.indexOf('/') >= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(Base64.getUrlDecoder().decode(text));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }
}
