package org.twofold.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.twofold.testing.ApplianceExtension;
import org.twofold.testing.ApplianceServer;
import org.twofold.testing.Browser;
import org.twofold.testing.BrowserExtension;

/** Operators sign in to the dashboard with their password, in a real browser, and out again. */
@ExtendWith({ApplianceExtension.class, BrowserExtension.class})
class OperatorSignInIT {

    @Test
    void anOperatorSignsInSeesTheOverviewAndSignsOut(ApplianceServer server, Browser browser) {
        DashboardOperators helpdesk = DashboardOperators.create(server, "HELPDESK");

        browser.go("admin/users.xhtml");
        assertEquals("/admin/login.xhtml", browser.currentPath(), "a signed-out browser is sent to the sign-in");
        browser.screenshot("sign-in");

        browser.signIn(helpdesk.name(), helpdesk.password());
        browser.visible(By.id("identities"));
        assertEquals("/admin/", browser.currentPath());
        assertTrue(browser.text(By.cssSelector(".tf-operator")).contains(helpdesk.name()));
        assertTrue(Long.parseLong(browser.text(By.id("identities")).strip()) >= 0);
        assertTrue(browser.text(By.id("health")).matches("(?s)ready\\s+health: directory UP mail-outbox UP twofold UP\\s*"),
                "the readiness checks as /health/ready answers them: " + browser.text(By.id("health")));
        browser.screenshot("overview");

        browser.submit(By.id("session:signOut"));
        browser.visible(By.id("signedOut"));
        browser.go("admin/index.xhtml");
        assertEquals("/admin/login.xhtml", browser.currentPath(), "the old session is gone after signing out");
    }

    @Test
    void aWrongPasswordIsRefusedWithoutTellingWhichPartWasWrong(ApplianceServer server, Browser browser) {
        DashboardOperators admin = DashboardOperators.create(server, "ADMIN");

        browser.signIn(admin.name(), admin.password() + "-wrong");
        browser.waitForText(By.id("login:messages"), "Wrong operator name or password.");
        browser.screenshot("wrong-password");
        browser.signIn("nobody-" + admin.name(), admin.password());
        browser.waitForText(By.id("login:messages"), "Wrong operator name or password.");

        browser.go("admin/index.xhtml");
        assertEquals("/admin/login.xhtml", browser.currentPath(), "no session came out of a refused sign-in");
        browser.signIn(admin.name(), admin.password());
        browser.visible(By.id("identities"));
    }
}
