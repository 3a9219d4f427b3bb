package org.twofold.crypto.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The server pepper: generated once into the data directory, owner-only, reused, refused when damaged. */
class PepperTest {

    @TempDir
    Path dir;

    @BeforeEach
    void posixOnly() {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
                "the appliance runs on POSIX file systems");
    }

    @Test
    void firstCallCreatesA32ByteOwnerOnlyFile() throws IOException {
        Path file = dir.resolve("data/pepper");
        Pepper pepper = Pepper.loadOrCreate(file, new SecureRandom());

        assertTrue(Files.isRegularFile(file));
        assertEquals(32, Files.size(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertArrayEquals(Files.readAllBytes(file), pepper.key());
        assertFalse(allZero(pepper.key()), "random, not empty");
    }

    @Test
    void secondCallReusesTheFile() throws IOException {
        Path file = dir.resolve("pepper");
        Pepper first = Pepper.loadOrCreate(file, new SecureRandom());
        byte[] stored = Files.readAllBytes(file);

        Pepper second = Pepper.loadOrCreate(file, new SecureRandom());

        assertArrayEquals(stored, Files.readAllBytes(file), "the file is not rewritten");
        assertArrayEquals(first.key(), second.key());
        assertEquals(new SecretHasher(first).hash(SecretPurpose.RESTORE_CODE, "X"),
                new SecretHasher(second).hash(SecretPurpose.RESTORE_CODE, "X"),
                "hashes stored before a restart still match after it");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void differentDataDirectoriesGetDifferentPeppers() {
        Pepper one = Pepper.loadOrCreate(dir.resolve("a/pepper"), new SecureRandom());
        Pepper two = Pepper.loadOrCreate(dir.resolve("b/pepper"), new SecureRandom());
        assertFalse(java.util.Arrays.equals(one.key(), two.key()));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 31, 33, 64})
    void refusesADamagedFileWithAClearMessage(int length) throws IOException {
        Path file = dir.resolve("pepper");
        byte[] damaged = new byte[length];
        Files.write(file, damaged);

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> Pepper.loadOrCreate(file, new SecureRandom()));

        assertTrue(refused.getMessage().contains(file.toString()), refused.getMessage());
        assertTrue(refused.getMessage().contains("damaged"), refused.getMessage());
        assertTrue(refused.getMessage().contains("expected 32 bytes, found " + length), refused.getMessage());
        assertArrayEquals(damaged, Files.readAllBytes(file), "a damaged pepper is never replaced");
    }

    private static boolean allZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
