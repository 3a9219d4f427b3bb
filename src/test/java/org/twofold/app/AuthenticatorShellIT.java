package org.twofold.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.twofold.simulator.Answer;
import org.twofold.simulator.Json;
import org.twofold.testing.ApplianceExtension;
import org.twofold.testing.ApplianceServer;
import org.twofold.testing.Browser;
import org.twofold.testing.BrowserExtension;
import org.twofold.testing.Fixtures;

/**
 * The authenticator as an installable app: its strict headers, its manifest, a service worker that keeps
 * the shell for offline starts and never an API answer, and a page a screen reader and a keyboard can use.
 */
@ExtendWith({ApplianceExtension.class, BrowserExtension.class})
class AuthenticatorShellIT {

    /** Every URL in the app's caches, once its service worker is active. */
    private static final String CACHED_URLS = """
            const done = arguments[0];
            navigator.serviceWorker.ready
                .then(() => caches.keys())
                .then(names => Promise.all(names.map(name => caches.open(name).then(cache => cache.keys()))))
                .then(lists => done(lists.flat().map(request => request.url)))
                .catch(e => done('error: ' + e));
            """;

    /** Form fields without a label, and buttons without a name a screen reader could read. */
    private static final String UNLABELLED = """
            const done = arguments[0];
            const fields = [...document.querySelectorAll('input')].filter(input => input.labels.length === 0
                && !input.closest('label') && !input.getAttribute('aria-label')).map(input => input.id);
            const buttons = [...document.querySelectorAll('button')].filter(button => !button.textContent.trim())
                .map(button => button.id || button.className);
            const images = [...document.querySelectorAll('img')].filter(img => !img.alt).map(img => img.id);
            done(fields.concat(buttons, images));
            """;

    @Test
    void theAppIsServedUnderAStrictPolicyWithItsManifest(ApplianceServer server) {
        Answer page = server.client().request("GET", "/app/", null);
        assertEquals(200, page.status());
        String policy = page.header("Content-Security-Policy");
        assertTrue(policy.contains("script-src 'self';"), policy);
        assertFalse(policy.contains("unsafe-inline") || policy.contains("unsafe-eval"), policy);
        assertTrue(policy.contains("frame-ancestors 'none'") && policy.contains("worker-src 'self'"), policy);
        assertEquals("camera=(self), microphone=(), geolocation=(), payment=(), usb=()", page.header("Permissions-Policy"));
        assertTrue(page.body().contains("<link rel=\"manifest\" href=\"manifest.webmanifest\">"));

        Answer manifest = server.client().request("GET", "/app/manifest.webmanifest", null);
        assertTrue(manifest.header("Content-Type").startsWith("application/manifest+json"), manifest.header("Content-Type"));
        JsonObject app = Json.parse(manifest.body());
        assertEquals("/app/", app.getString("start_url"));
        assertEquals("standalone", app.getString("display"));
        assertEquals(200, server.client().request("GET", "/app/" + app.getJsonArray("icons").getJsonObject(0)
                .getString("src"), null).status());
        assertEquals(200, server.client().request("GET", "/app/vendor/jsQR.LICENSE", null).status(),
                "the bundled decoder's licence ships with it");
    }

    @Test
    void theShellStartsOfflineAndNoApiAnswerIsEverCached(ApplianceServer server, Browser browser) throws IOException {
        AuthenticatorApp app = AuthenticatorApp.enrolled(server, browser, "Offline phone");
        browser.click(By.cssSelector("button[data-go='devices']"));
        browser.waitForText(By.id("device-list"), "Offline phone");

        List<?> cached = cachedUrls(browser);
        for (String file : shellFiles()) {
            assertTrue(cached.contains(server.baseUrl() + "app/" + file), () -> file + " is not kept offline: " + cached);
        }
        assertTrue(cached.stream().allMatch(url -> url.toString().startsWith(server.baseUrl() + "app/")), cached::toString);
        assertTrue(cached.stream().noneMatch(url -> url.toString().contains("/api/")), cached::toString);

        browser.offline(true);
        try {
            app.open();
            browser.visible(By.id("unlock-title"));
            assertEquals("unreachable", browser.executeAsync("const done = arguments[0];"
                    + " fetch('/health/ready', {cache: 'no-store'}).then(() => done('reachable'), () => done('unreachable'))"),
                    "the browser really is offline");
            browser.screenshot("offline-start");
        } finally {
            browser.offline(false);
        }
    }

    @Test
    void everyFieldHasALabelAndEachScreenTakesTheFocusToItsHeading(Browser browser) {
        new AuthenticatorApp(browser).open();
        browser.resize(390, 844);
        browser.visible(By.id("welcome-title"));
        assertEquals(List.of(), browser.executeAsync(UNLABELLED));
        browser.click(By.id("go-restore"));
        browser.visible(By.id("restore-start-title"));
        assertEquals("restore-start-title", browser.executeAsync("arguments[0](document.activeElement.id)"));
        browser.screenshot("restore-phone-size");
        assertEquals(Boolean.FALSE, browser.executeAsync(
                "arguments[0](document.documentElement.scrollWidth > window.innerWidth)"), "no sideways scrolling on a phone");
    }

    /** Every file of the app the service worker should keep: all but itself and the licence text. */
    private static List<String> shellFiles() throws IOException {
        Path app = Path.of("src", "main", "webapp", "app");
        try (Stream<Path> files = Files.walk(app)) {
            return files.filter(Files::isRegularFile)
                    .map(file -> app.relativize(file).toString().replace('\\', '/'))
                    .filter(file -> !file.equals("sw.js") && !file.endsWith(".LICENSE"))
                    .toList();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<?> cachedUrls(Browser browser) {
        Object urls = browser.executeAsync(CACHED_URLS);
        if (urls instanceof String error) {
            throw new AssertionError(error);
        }
        return (List<Object>) urls;
    }
}
