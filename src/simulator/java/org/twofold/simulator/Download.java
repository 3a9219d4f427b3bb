package org.twofold.simulator;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** An answer whose body is binary (a PDF), kept as bytes; problems still read as JSON through {@link #answer()}. */
public record Download(int status, byte[] bytes, HttpResponse<byte[]> raw) {

    public String contentType() {
        return raw.headers().firstValue("Content-Type").orElse("");
    }

    public String header(String name) {
        return raw.headers().firstValue(name).orElse(null);
    }

    /** The same answer with a text body, for status and problem assertions. */
    public Answer answer() {
        return new Answer(status, new String(bytes, StandardCharsets.UTF_8), raw);
    }

    public Download expect(int expected, String contentType) {
        if (status != expected || !contentType().startsWith(contentType)) {
            throw new AssertionError("expected " + expected + " " + contentType + " but got " + status + " "
                    + contentType() + ": " + answer().body());
        }
        return this;
    }
}
