package org.twofold.platform.control;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The address devices reach the appliance at, for QR codes and links: {@code twofold.public-url} when
 * set (behind a proxy it must be), otherwise the address the current request came in on.
 */
@RequestScoped
public class ApplianceUrl {

    @Inject
    HttpServletRequest request;

    @Inject
    @ConfigProperty(name = "twofold.public-url")
    Optional<String> configured;

    public String value() {
        return configured.map(ApplianceUrl::withoutTrailingSlash).orElseGet(this::fromRequest);
    }

    /** For work outside a request (e.g. scheduled): the configured address only. */
    public static Optional<String> configured(Optional<String> publicUrl) {
        return publicUrl.map(ApplianceUrl::withoutTrailingSlash);
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private String fromRequest() {
        String scheme = request.getScheme();
        int port = request.getServerPort();
        boolean defaultPort = ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        return scheme + "://" + request.getServerName() + (defaultPort ? "" : ":" + port);
    }
}
