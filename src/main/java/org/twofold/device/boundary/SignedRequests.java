package org.twofold.device.boundary;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.security.interfaces.ECPublicKey;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.twofold.crypto.control.DeviceKeys;
import org.twofold.crypto.control.RequestSignature;
import org.twofold.device.entity.Device;
import org.twofold.platform.control.Refusal;

/** Reads the signature headers and the exact body bytes of a request, and checks them. */
@ApplicationScoped
public class SignedRequests {

    static final String TIMESTAMP = "Twofold-Timestamp";
    static final String SIGNATURE = "Twofold-Signature";
    static final String API_ROOT = "/api/v1/";

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "twofold.signature.max-skew-seconds")
    int maxSkewSeconds;

    /** Reads the body (and puts it back for the resource); refuses missing headers and stale timestamps. */
    RequestSignature read(ContainerRequestContext request) throws IOException {
        String timestamp = request.getHeaderString(TIMESTAMP);
        String signature = request.getHeaderString(SIGNATURE);
        if (timestamp == null || signature == null) {
            throw invalid("This call must be signed (" + TIMESTAMP + " and " + SIGNATURE + " headers)");
        }
        byte[] body = request.hasEntity() ? request.getEntityStream().readAllBytes() : new byte[0];
        request.setEntityStream(new ByteArrayInputStream(body));
        RequestSignature signed = new RequestSignature(request.getMethod(), path(request), timestamp, body, signature);
        if (!signed.isFresh(clock.instant(), Duration.ofSeconds(maxSkewSeconds))) {
            throw new Refusal(Refusal.Kind.UNAUTHENTICATED, "stale-timestamp",
                    "The signature timestamp is more than " + maxSkewSeconds + " s away from the server's clock");
        }
        return signed;
    }

    /** The request must be signed by this (already authenticated) device's own key. */
    void verifyDeviceSignature(ContainerRequestContext request, Device device) throws IOException {
        verify(read(request), DeviceKeys.parse(device.publicKey()).orElseThrow(
                () -> new IllegalStateException("Stored key of device " + device.id() + " is unreadable")));
    }

    void verify(RequestSignature signed, ECPublicKey key) {
        if (!signed.verifiesWith(key)) {
            throw invalid("The request signature does not verify");
        }
    }

    /** PROTOCOL.md: the path from {@code /api/v1} on, as sent, without the query. */
    static String path(ContainerRequestContext request) {
        URI base = request.getUriInfo().getBaseUri();
        String raw = request.getUriInfo().getRequestUri().getRawPath();
        String relative = raw.substring(Math.min(raw.length(), base.getRawPath().length()));
        return API_ROOT + (relative.startsWith("/") ? relative.substring(1) : relative);
    }

    static Refusal invalid(String title) {
        return new Refusal(Refusal.Kind.UNAUTHENTICATED, "invalid-signature", title);
    }
}
