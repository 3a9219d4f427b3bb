package org.twofold.platform.boundary;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Behind a TLS-terminating proxy the appliance itself sees plain HTTP, so the session cookie would go out
 * without {@code Secure}. When the public address is https, it always carries it.
 */
@WebListener
public class SessionCookies implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        boolean https = ConfigProvider.getConfig().getOptionalValue("twofold.public-url", String.class)
                .map(url -> url.regionMatches(true, 0, "https://", 0, "https://".length()))
                .orElse(false);
        if (https) {
            event.getServletContext().getSessionCookieConfig().setSecure(true);
        }
    }
}
