package org.twofold.platform.boundary;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * No request body may exceed {@code twofold.request.max-body-bytes}; the limit is enforced while
 * reading, so a chunked body without Content-Length is cut off as well.
 */
@Provider
@PreMatching
@Priority(100)
public class BodyLimit implements ContainerRequestFilter {

    @Inject
    @ConfigProperty(name = "twofold.request.max-body-bytes")
    int maxBytes;

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        if (request.getLength() > maxBytes) {
            throw new TooLarge(maxBytes);
        }
        request.setEntityStream(new Limited(request.getEntityStream(), maxBytes));
    }

    /** An IOException so that every reader of the body propagates it unchanged or as its cause. */
    static final class TooLarge extends IOException {
        TooLarge(int maxBytes) {
            super("The body is larger than " + maxBytes + " bytes");
        }
    }

    static final class Limited extends FilterInputStream {
        private final int maxBytes;
        private long read;

        Limited(InputStream in, int maxBytes) {
            super(in);
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > maxBytes) {
                throw new TooLarge(maxBytes);
            }
        }
    }
}
