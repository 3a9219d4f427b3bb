package org.twofold.platform.boundary;

import java.io.IOException;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.twofold.platform.control.RequestOrigin;

/**
 * With {@code twofold.http.mode=redirect}, every page and API call that comes in over plain HTTP is sent
 * to the same address over HTTPS: to {@code twofold.public-url} when that is https, else to the host the
 * client asked for on {@code twofold.tls.port}. 308 keeps the method and body, so a device's POST is not
 * turned into a GET. Health probes and metrics scrapes (Payara's /health and /metrics, which pass this
 * filter too) and the backup tool's call on this machine stay on plain HTTP.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class HttpsRedirect extends HttpFilter {

    @Inject
    @ConfigProperty(name = "twofold.http.mode", defaultValue = "serve")
    String httpMode;

    @Inject
    @ConfigProperty(name = "twofold.tls.port", defaultValue = "8443")
    int tlsPort;

    @Inject
    @ConfigProperty(name = "twofold.public-url")
    Optional<String> publicUrl;

    @Inject
    RequestOrigin origin;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!"redirect".equals(httpMode) || origin.https() || probe(request)) {
            chain.doFilter(request, response);
            return;
        }
        String query = request.getQueryString();
        response.setStatus(308);
        response.setHeader("Location", httpsOrigin(request) + request.getRequestURI() + (query == null ? "" : "?" + query));
    }

    private static boolean probe(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/health") || path.startsWith("/health/") || path.equals("/metrics") || path.startsWith("/metrics/")
                || path.startsWith("/api/v1/maintenance/");
    }

    private String httpsOrigin(HttpServletRequest request) {
        Optional<String> configured = publicUrl.filter(url -> url.regionMatches(true, 0, "https://", 0, "https://".length()))
                .map(url -> url.replaceFirst("^(https://[^/]+).*$", "$1"));
        if (configured.isPresent()) {
            return configured.get();
        }
        String host = request.getServerName();
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return "https://" + host + (tlsPort == 443 ? "" : ":" + tlsPort);
    }
}
