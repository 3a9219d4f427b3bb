package org.twofold.crypto.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The protocol's binary encoding: base64url without padding, strictly. */
class Base64UrlTest {

    @Test
    void encodesWithTheUrlAlphabetAndNoPadding() {
        assertEquals("-_8", Base64Url.encode(new byte[] {(byte) 0xfb, (byte) 0xff}));
        assertEquals("AA", Base64Url.encode(new byte[] {0}));
        assertEquals("", Base64Url.encode(new byte[0]));
    }

    @Test
    void decodesWhatItEncodes() {
        byte[] bytes = new byte[256];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        for (int length = 0; length <= bytes.length; length += 17) {
            byte[] part = java.util.Arrays.copyOf(bytes, length);
            assertArrayEquals(part, Base64Url.decode(Base64Url.encode(part)).orElseThrow());
        }
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"AA==", "AA=", "+/8", "-/8", "+_8", "A", "AA AA", " AA", "AA\n", "A*", "ÄÄ"})
    void refusesAnythingElse(String text) {
        assertEquals(Optional.empty(), Base64Url.decode(text));
    }

    @Test
    void emptyTextIsZeroBytes() {
        assertTrue(Base64Url.decode("").orElseThrow().length == 0);
    }
}
