package org.twofold.crypto.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

import org.twofold.platform.control.DataDirectory;

/**
 * The server-wide secret key mixed into every stored secret hash. Generated once into the data
 * directory (mode 0600); a stolen database alone is useless without it.
 */
public final class Pepper {

    static final int LENGTH = 32;

    private final byte[] key;

    private Pepper(byte[] key) {
        this.key = key;
    }

    public static Pepper loadOrCreate(Path file, SecureRandom random) {
        byte[] fresh = new byte[LENGTH];
        random.nextBytes(fresh);
        DataDirectory.writeSecretOnce(file, fresh);
        try {
            byte[] stored = Files.readAllBytes(file);
            if (stored.length != LENGTH) {
                throw new IllegalStateException("The pepper file " + file + " is damaged: expected "
                        + LENGTH + " bytes, found " + stored.length + ". Restore it from a backup.");
            }
            return new Pepper(stored);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the pepper file " + file, e);
        }
    }

    static Pepper of(byte[] key) {
        return new Pepper(key.clone());
    }

    byte[] key() {
        return key;
    }
}
