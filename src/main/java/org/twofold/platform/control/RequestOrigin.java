package org.twofold.platform.control;

import java.util.Arrays;
import java.util.Enumeration;
import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where the current request came from, for audit entries and per-source limits. Behind a reverse proxy
 * listed in {@code twofold.http.trusted-proxies}, the client is the last address that proxy added to
 * {@code X-Forwarded-For} (the last hop of the header's last line); from anyone else the header is
 * ignored, so it cannot be forged.
 */
@RequestScoped
public class RequestOrigin {

    @Inject
    HttpServletRequest request;

    /** Comma-separated addresses (Payara's MicroProfile Config cannot inject an optional list). */
    @Inject
    @ConfigProperty(name = "twofold.http.trusted-proxies")
    Optional<String> trustedProxies;

    public String sourceAddress() {
        String peer = request.getRemoteAddr();
        String forwarded = lastLine("X-Forwarded-For");
        if (forwarded == null || !isTrustedProxy(peer)) {
            return peer;
        }
        String[] hops = forwarded.split(",", -1);
        String client = hops[hops.length - 1].strip();
        return client.isEmpty() || client.length() > 64 ? peer : client;
    }

    /** Whether the browser reached the appliance over TLS, directly or through a trusted proxy that says so. */
    public boolean https() {
        String forwarded = lastLine("X-Forwarded-Proto");
        return request.isSecure()
                || (forwarded != null && forwarded.strip().equalsIgnoreCase("https") && isTrustedProxy(request.getRemoteAddr()));
    }

    /** A proxy may add its hop as a header line of its own (HAProxy does): the last line is the proxy's. */
    private String lastLine(String header) {
        Enumeration<String> lines = request.getHeaders(header);
        String last = null;
        while (lines != null && lines.hasMoreElements()) {
            last = lines.nextElement();
        }
        return last;
    }

    private boolean isTrustedProxy(String peer) {
        return trustedProxies.map(list -> Arrays.stream(list.split(",")).map(String::strip).anyMatch(peer::equals))
                .orElse(false);
    }
}
