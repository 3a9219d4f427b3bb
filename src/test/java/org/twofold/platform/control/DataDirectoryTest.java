package org.twofold.platform.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data directory and its write-once secret files. */
class DataDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void writeSecretOnceCreatesAnOwnerOnlyFile() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path file = dir.resolve("nested/deeper/initial-admin-password");
        byte[] secret = "correct horse battery staple".getBytes(StandardCharsets.UTF_8);

        assertTrue(DataDirectory.writeSecretOnce(file, secret));

        assertArrayEquals(secret, Files.readAllBytes(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void secondCallDoesNotOverwriteAndAnswersFalse() throws IOException {
        Path file = dir.resolve("secret");
        byte[] first = {1, 2, 3};
        assertTrue(DataDirectory.writeSecretOnce(file, first));

        assertFalse(DataDirectory.writeSecretOnce(file, new byte[] {9, 9, 9, 9}));

        assertArrayEquals(first, Files.readAllBytes(file));
    }

    @Test
    void leavesNoTemporaryFilesBehind() throws IOException {
        Path file = dir.resolve("secret");
        DataDirectory.writeSecretOnce(file, new byte[] {1});
        DataDirectory.writeSecretOnce(file, new byte[] {2});
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void racingWritersLeaveExactlyOneSecret() throws Exception {
        Path file = dir.resolve("pepper");
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                byte[] content = ("writer " + i).getBytes(StandardCharsets.UTF_8);
                results.add(pool.submit(() -> {
                    start.await();
                    return DataDirectory.writeSecretOnce(file, content);
                }));
            }
            start.countDown();
            int created = 0;
            for (Future<Boolean> result : results) {
                created += result.get() ? 1 : 0;
            }
            assertEquals(1, created);
            assertTrue(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).matches("writer [0-7]"));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void rootIsAbsoluteAndNormalized() {
        DataDirectory data = new DataDirectory("./some/../data");
        assertTrue(data.root().isAbsolute());
        assertEquals(Path.of("data").toAbsolutePath(), data.root());
        assertEquals(data.root().resolve("pepper"), data.resolve("pepper"));
    }

    @Test
    void ensureExistsCreatesTheDirectory() {
        DataDirectory data = new DataDirectory(dir.resolve("a/b").toString());
        data.ensureExists();
        assertTrue(Files.isDirectory(dir.resolve("a/b")));
        data.ensureExists(); // twice is fine
    }
}
