package org.twofold.platform.boundary;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Behind a TLS-terminating proxy the appliance itself sees plain HTTP, so the session cookie would go out
 * without {@code Secure}. When the public address is https, or plain HTTP only redirects to HTTPS, it always
 * carries it.
 */
@WebListener
public class SessionCookies implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        Config config = ConfigProvider.getConfig();
        boolean https = config.getOptionalValue("twofold.public-url", String.class)
                .map(url -> url.regionMatches(true, 0, "https://", 0, "https://".length()))
                .orElse(false)
                || "redirect".equals(config.getOptionalValue("twofold.http.mode", String.class).orElse("serve"));
        if (https) {
            event.getServletContext().getSessionCookieConfig().setSecure(true);
        }
    }
}
