package org.twofold.platform.boundary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.junit.jupiter.api.Test;

/** The body limit as enforced while reading (so a chunked body without Content-Length is cut off too). */
class BodyLimitTest {

    private static InputStream limited(int bodyBytes, int maxBytes) {
        return new BodyLimit.Limited(new ByteArrayInputStream(new byte[bodyBytes]), maxBytes);
    }

    @Test
    void aBodyUpToTheLimitReadsCompletely() throws IOException {
        byte[] body = "{\"user\":\"jdoe\"}".getBytes();
        try (InputStream in = new BodyLimit.Limited(new ByteArrayInputStream(body), body.length)) {
            assertArrayEquals(body, in.readAllBytes());
        }
    }

    @Test
    void aBodyOneByteOverTheLimitFailsInBulkReads() {
        IOException tooLarge = assertThrows(IOException.class, () -> limited(1025, 1024).readAllBytes());
        assertTrue(tooLarge instanceof BodyLimit.TooLarge);
        assertTrue(tooLarge.getMessage().contains("1024"), tooLarge.getMessage());
    }

    @Test
    void aBodyOverTheLimitFailsInSingleByteReads() throws IOException {
        try (InputStream in = limited(11, 10)) {
            for (int i = 0; i < 10; i++) {
                assertEquals(0, in.read());
            }
            assertThrows(BodyLimit.TooLarge.class, in::read);
        }
    }

    @Test
    void smallReadsAddUp() throws IOException {
        try (InputStream in = limited(100, 64)) {
            byte[] buffer = new byte[16];
            for (int i = 0; i < 4; i++) {
                assertEquals(16, in.read(buffer, 0, 16));
            }
            assertThrows(BodyLimit.TooLarge.class, () -> in.read(buffer, 0, 16));
        }
    }

    @Test
    void endOfStreamIsNotCounted() throws IOException {
        try (InputStream in = limited(4, 4)) {
            assertEquals(4, in.readAllBytes().length);
            assertEquals(-1, in.read());
            assertEquals(-1, in.read(new byte[8], 0, 8));
        }
    }
}
