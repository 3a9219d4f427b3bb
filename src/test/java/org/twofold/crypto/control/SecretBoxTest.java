package org.twofold.crypto.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class SecretBoxTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String CODE = "ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345";

    private static SecretBox box(int pepperByte) {
        byte[] pepper = new byte[32];
        Arrays.fill(pepper, (byte) pepperByte);
        return new SecretBox(Pepper.of(pepper), RANDOM);
    }

    @Test
    void aSealedSecretOpensInItsContext() {
        SecretBox box = box(1);
        String sealed = box.seal(CODE, "delivery-1");

        assertEquals(CODE, box.open(sealed, "delivery-1"));
        assertFalse(sealed.contains("ABCD"), "the sealed text shows nothing of the secret");
    }

    @Test
    void sealingTwiceGivesDifferentTexts() {
        SecretBox box = box(1);
        assertNotEquals(box.seal(CODE, "d"), box.seal(CODE, "d"));
    }

    @Test
    void aSealedSecretCopiedToAnotherRowDoesNotOpen() {
        SecretBox box = box(1);
        String sealed = box.seal(CODE, "delivery-1");

        assertThrows(IllegalStateException.class, () -> box.open(sealed, "delivery-2"));
    }

    @Test
    void anAlteredOrForeignSealedSecretDoesNotOpen() {
        String sealed = box(1).seal(CODE, "d");
        char last = sealed.charAt(sealed.length() - 2);
        String altered = sealed.substring(0, sealed.length() - 2) + (last == 'A' ? 'B' : 'A') + sealed.charAt(sealed.length() - 1);

        assertThrows(IllegalStateException.class, () -> box(1).open(altered, "d"));
        assertThrows(IllegalStateException.class, () -> box(2).open(sealed, "d"), "another pepper, another key");
        assertThrows(IllegalStateException.class, () -> box(1).open("AAAA", "d"));
        assertThrows(IllegalStateException.class, () -> box(1).open("not base64 !", "d"));
    }
}
