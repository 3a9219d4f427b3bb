package org.twofold.platform.control;

import java.util.Arrays;
import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where the current request came from, for audit entries and per-source limits. Behind a reverse proxy
 * listed in {@code twofold.http.trusted-proxies}, the client is the last address that proxy added to
 * {@code X-Forwarded-For}; from anyone else the header is ignored, so it cannot be forged.
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
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded == null || !isTrustedProxy(peer)) {
            return peer;
        }
        String[] hops = forwarded.split(",", -1);
        String client = hops[hops.length - 1].strip();
        return client.isEmpty() || client.length() > 64 ? peer : client;
    }

    private boolean isTrustedProxy(String peer) {
        return trustedProxies.map(list -> Arrays.stream(list.split(",")).map(String::strip).anyMatch(peer::equals))
                .orElse(false);
    }
}
