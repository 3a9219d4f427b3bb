package org.twofold.crypto.control;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secrets the appliance must give out later in clear text (a restore code waiting for its letter to be
 * printed): AES-256-GCM under a key derived from the pepper, so a copy of the database alone reveals nothing.
 * The {@code context} (e.g. the id of the row holding the sealed text) is authenticated too, so a sealed
 * value copied into another row does not open.
 */
public class SecretBox {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random;

    public SecretBox(Pepper pepper, SecureRandom random) {
        this.key = new SecretKeySpec(derive(pepper.key()), "AES");
        this.random = random;
    }

    public String seal(String secret, String context) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, iv, context, secret.getBytes(StandardCharsets.UTF_8));
        byte[] out = Arrays.copyOf(iv, IV_BYTES + sealed.length);
        System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
        return Base64Url.encode(out);
    }

    /** The secret; throws when the sealed text was altered, sealed for another context or under another pepper. */
    public String open(String sealed, String context) {
        byte[] in = Base64Url.decode(sealed).orElse(new byte[0]);
        if (in.length <= IV_BYTES) {
            throw new IllegalStateException("A sealed secret is damaged");
        }
        byte[] plain = crypt(Cipher.DECRYPT_MODE, Arrays.copyOf(in, IV_BYTES), context,
                Arrays.copyOfRange(in, IV_BYTES, in.length));
        return new String(plain, StandardCharsets.UTF_8);
    }

    private byte[] crypt(int mode, byte[] iv, String context, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A sealed secret cannot be opened (altered, or sealed under another pepper)", e);
        }
    }

    /** A key of its own for sealing: the pepper itself only ever keys HMACs. */
    private static byte[] derive(byte[] pepper) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(pepper, "HmacSHA256"));
            return mac.doFinal("twofold secret box v1".getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
