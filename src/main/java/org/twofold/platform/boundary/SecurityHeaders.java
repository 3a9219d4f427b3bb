package org.twofold.platform.boundary;

import java.io.IOException;

import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.twofold.platform.control.RequestOrigin;

/**
 * Headers that keep browsers from misusing the appliance's pages: no framing (clickjacking of the block or
 * unpair buttons), no content sniffing, no referrer leaking user names in URLs, HSTS under TLS (directly or behind a trusted proxy). Scripts are
 * limited further by PrimeFaces' own nonce policy (primefaces.CSP in web.xml): a browser enforces both
 * headers, so only the scripts PrimeFaces signed with the request's nonce run. Signed-in pages are not cached.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true,
        dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.FORWARD})
public class SecurityHeaders extends HttpFilter {

    static final String POLICY = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline';"
            + " img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self';"
            + " form-action 'self'; frame-ancestors 'none'";

    /**
     * The authenticator app (/app) is plain static files with no inline script or style, so it gets a
     * stricter policy than the Faces pages: its own scripts only, its service worker and manifest, and the QR
     * images the API answers as data URLs. The camera (for scanning QR codes) is the only powerful feature it
     * may ask for.
     */
    static final String APP_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'none';"
            + " form-action 'none'; frame-ancestors 'none'";

    static final String APP_PERMISSIONS = "camera=(self), microphone=(), geolocation=(), payment=(), usb=()";

    @Inject
    RequestOrigin origin;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean app = path.equals("/app") || path.startsWith("/app/");
        response.setHeader("Content-Security-Policy", app ? APP_POLICY : POLICY);
        if (app) {
            response.setHeader("Permissions-Policy", APP_PERMISSIONS);
            // the service worker keeps the offline copy; the browser must ask again so an update reaches it
            response.setHeader("Cache-Control", "no-cache");
        }
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        if (origin.https()) {
            response.setHeader("Strict-Transport-Security", "max-age=31536000");
        }
        if (path.startsWith("/admin") || path.startsWith("/my")) {
            response.setHeader("Cache-Control", "no-store");
        }
        chain.doFilter(request, response);
    }
}
