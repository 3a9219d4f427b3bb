package org.twofold.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twofold.testing.ApplianceExtension;
import org.twofold.testing.ApplianceServer;
import org.twofold.testing.Fixtures;

/**
 * The dashboard's defences as an attacker meets them: security headers, a new session at sign-in, forged
 * forms without the view state, and password guessing throttled per operator name and per source address —
 * on the sign-in page and on the admin API's Basic credentials alike.
 */
@ExtendWith(ApplianceExtension.class)
class DashboardSecurityIT {

    @Test
    void everyPageCarriesTheSecurityHeadersAndTheSessionCookieIsHttpOnlyAndSameSite(ApplianceServer server) {
        HttpResponse<String> page = new DashboardHttp(server.baseUrl(), Fixtures.uniqueAddress()).get("admin/login.xhtml");

        assertEquals(200, page.statusCode());
        List<String> policies = page.headers().allValues("Content-Security-Policy");
        assertTrue(policies.stream().anyMatch(policy -> policy.contains("frame-ancestors 'none'")
                && policy.contains("object-src 'none'") && policy.contains("form-action 'self'")), policies::toString);
        assertTrue(policies.stream().anyMatch(policy -> policy.matches(".*script-src 'self' 'nonce-[^']+'.*")),
                () -> "PrimeFaces' nonce policy: " + policies);
        assertEquals("DENY", page.headers().firstValue("X-Frame-Options").orElse(null));
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(null));
        assertEquals("no-referrer", page.headers().firstValue("Referrer-Policy").orElse(null));
        assertEquals("no-store", page.headers().firstValue("Cache-Control").orElse(null));
        String cookie = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
                .findFirst().orElseThrow(() -> new AssertionError("no session cookie: " + page.headers()));
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.toLowerCase(Locale.ROOT).contains("samesite=strict"), cookie);
        assertFalse(page.body().contains("onclick="), "no inline event handlers under the CSP");

        HttpResponse<String> api = new DashboardHttp(server.baseUrl(), Fixtures.uniqueAddress()).get("health/ready");
        assertEquals("nosniff", api.headers().firstValue("X-Content-Type-Options").orElse(null));
        assertTrue(page.headers().firstValue("Strict-Transport-Security").isEmpty(), "no HSTS over plain HTTP");
        HttpResponse<String> behindTls = new DashboardHttp(server.baseUrl(), Fixtures.uniqueAddress())
                .get("admin/login.xhtml", "X-Forwarded-Proto", "https");
        assertEquals("max-age=31536000", behindTls.headers().firstValue("Strict-Transport-Security").orElse(null),
                "behind the trusted TLS proxy");
    }

    @Test
    void signingInStartsANewSessionAndSigningOutEndsIt(ApplianceServer server) {
        DashboardOperators helpdesk = DashboardOperators.create(server, "HELPDESK");
        DashboardHttp http = new DashboardHttp(server.baseUrl(), Fixtures.uniqueAddress());
        http.get("admin/login.xhtml");
        String before = http.sessionId();
        assertNotNull(before);

        HttpResponse<String> signedIn = http.signIn(helpdesk.name(), helpdesk.password());

        assertEquals(302, signedIn.statusCode(), signedIn::body);
        assertTrue(signedIn.headers().firstValue("Location").orElse("").endsWith("/admin/"));
        String after = http.sessionId();
        assertNotEquals(before, after, "a session id planted before the sign-in is worth nothing after it");
        assertEquals(200, http.get("admin/users.xhtml").statusCode());
        assertEquals(302, http.getWithSession("admin/users.xhtml", before).statusCode());

        HttpResponse<String> overview = http.get("admin/index.xhtml");
        Map<String, String> signOut = new LinkedHashMap<>();
        signOut.put("session", "session");
        signOut.put("session:signOut", "");
        signOut.put("jakarta.faces.ViewState", DashboardHttp.viewState(overview.body()));
        signOut.put("primefaces.nonce", DashboardHttp.nonce(overview.body()));
        assertEquals(302, http.post("admin/index.xhtml", signOut).statusCode());
        HttpResponse<String> afterSignOut = http.getWithSession("admin/users.xhtml", after);
        assertEquals(302, afterSignOut.statusCode());
        assertTrue(afterSignOut.headers().firstValue("Location").orElse("").endsWith("/admin/login.xhtml"));
    }

    @Test
    void aFormWithoutItsViewStateChangesNothing(ApplianceServer server) {
        String user = Fixtures.unique("csrf");
        Fixtures.createIdentity(server, user);
        DashboardOperators helpdesk = DashboardOperators.create(server, "HELPDESK");
        DashboardHttp http = new DashboardHttp(server.baseUrl(), Fixtures.uniqueAddress());
        http.signIn(helpdesk.name(), helpdesk.password());
        String page = "admin/user.xhtml?user=" + user;
        String shown = http.get(page).body();

        http.post(page, deactivate(null, DashboardHttp.nonce(shown)));
        http.post(page, deactivate("-4242424242424242424:1234567890123456789", DashboardHttp.nonce(shown)));
        assertEquals("ACTIVE", Fixtures.identity(server, user).getString("status"),
                "a cross-site form lacks the page's view state, or makes one up");

        String again = http.get(page).body();
        http.post(page, deactivate(DashboardHttp.viewState(again), DashboardHttp.nonce(again)));
        assertEquals("DEACTIVATED", Fixtures.identity(server, user).getString("status"),
                "the same form with the page's own view state goes through: the refusals above were the view state's");
    }

    @Test
    void fiveWrongPasswordsLockTheNameFromThatAddressOnlyAndForTheApiToo(ApplianceServer server) {
        DashboardOperators admin = DashboardOperators.create(server, "ADMIN");
        String guesserAddress = Fixtures.uniqueAddress();
        DashboardHttp guesser = new DashboardHttp(server.baseUrl(), guesserAddress);
        for (int i = 0; i < 5; i++) {
            assertTrue(guesser.signIn(admin.name(), "guess-" + i).body().contains("Wrong operator name or password."));
        }

        assertTrue(guesser.signIn(admin.name(), admin.password()).body().contains("Too many wrong passwords"),
                "locked, the right password is not even looked at");
        assertEquals(401, server.client().from(guesserAddress).operator(admin.name(), admin.password())
                .call("GET", "operators", null).status(), "the admin API's Basic credentials are locked too");
        assertEquals(302, new DashboardHttp(server.baseUrl(), Fixtures.uniqueAddress())
                .signIn(admin.name(), admin.password()).statusCode(), "the owner elsewhere is not locked out");
        assertEquals(5, server.admin().call("GET", "audit?target=operator:" + admin.name() + "&action=operator.sign-in-refused",
                null).expect(200).array().size(), "every wrong password is in the audit trail, not the attempts refused unseen");
    }

    @Test
    void fiftyWrongPasswordsForOneNameFromManyAddressesLockTheNameEverywhere(ApplianceServer server) {
        DashboardOperators admin = DashboardOperators.create(server, "ADMIN");
        for (int address = 0; address < 10; address++) {
            DashboardHttp guesser = new DashboardHttp(server.baseUrl(), Fixtures.uniqueAddress());
            for (int i = 0; i < 5; i++) {
                guesser.signIn(admin.name(), "guess-" + address + "-" + i);
            }
        }

        assertTrue(new DashboardHttp(server.baseUrl(), Fixtures.uniqueAddress()).signIn(admin.name(), admin.password())
                .body().contains("Too many wrong passwords"), "guessing spread over many addresses locks the name");
    }

    @Test
    void twentyWrongPasswordsFromOneAddressLockThatAddressForEveryName(ApplianceServer server) {
        DashboardOperators helpdesk = DashboardOperators.create(server, "HELPDESK");
        DashboardHttp guesser = new DashboardHttp(server.baseUrl(), Fixtures.uniqueAddress());
        for (int i = 0; i < 20; i++) {
            guesser.signIn(Fixtures.unique("sprayed"), "Winter2026!");
        }

        assertTrue(guesser.signIn(helpdesk.name(), helpdesk.password()).body().contains("Too many wrong passwords"));
        assertEquals(302, new DashboardHttp(server.baseUrl(), Fixtures.uniqueAddress())
                .signIn(helpdesk.name(), helpdesk.password()).statusCode(), "from another address the operator signs in");
    }

    /** The deactivate button's AJAX post, as PrimeFaces sends it. */
    private static Map<String, String> deactivate(String viewState, String nonce) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("jakarta.faces.partial.ajax", "true");
        form.put("jakarta.faces.source", "detail:deactivate");
        form.put("jakarta.faces.partial.execute", "detail:deactivate");
        form.put("jakarta.faces.partial.render", "detail");
        form.put("detail:deactivate", "detail:deactivate");
        form.put("detail", "detail");
        if (viewState != null) {
            form.put("jakarta.faces.ViewState", viewState);
        }
        if (nonce != null) {
            form.put("primefaces.nonce", nonce);
        }
        return form;
    }
}
