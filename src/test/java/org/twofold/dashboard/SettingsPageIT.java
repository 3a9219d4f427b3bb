package org.twofold.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.twofold.testing.ApplianceExtension;
import org.twofold.testing.ApplianceServer;
import org.twofold.testing.Browser;
import org.twofold.testing.BrowserExtension;
import org.twofold.testing.Fixtures;
import org.twofold.testing.TestMailServer;

/** An administrator checks the mail settings with a test mail; the other roles do not see the administration pages. */
@ExtendWith({ApplianceExtension.class, BrowserExtension.class})
class SettingsPageIT {

    @Test
    void anAdministratorSeesTheMailSettingsAndATestMailArrives(ApplianceServer server, Browser browser) {
        DashboardOperators admin = DashboardOperators.create(server, "ADMIN");
        String recipient = Fixtures.unique("admin") + "@corp.test";

        browser.signIn(admin.name(), admin.password()).go("admin/settings.xhtml");
        assertEquals("127.0.0.1:" + server.mail().port(), browser.text(By.id("server")));
        assertEquals("twofold@appliance.test", browser.text(By.id("from")));
        assertEquals("off", browser.text(By.id("startTls")));
        assertEquals("none", browser.text(By.id("signIn")));
        assertTrue(browser.text(By.id("backlog")).matches("\\d+ mails?.*"), browser.text(By.id("backlog")));

        browser.type(By.id("settings:recipient"), recipient).click(By.id("settings:send"));
        browser.waitForText(By.id("settings:outcome"), "Sent.");
        browser.screenshot("sent");
        String body = TestMailServer.bodyOf(server.mail().awaitMail(recipient, "Twofold test mail", Duration.ofSeconds(5)));
        assertTrue(body.contains("operator:" + admin.name()), body);

        server.mail().stop();
        try {
            browser.click(By.id("settings:send"));
            browser.waitForText(By.id("settings:outcome"), "Not sent.");
        } finally {
            server.mail().startAgain();
        }
        assertTrue(browser.text(By.id("settings:outcome")).contains("Nothing answers at 127.0.0.1:" + server.mail().port()),
                browser.text(By.id("settings:outcome")));
        browser.screenshot("not-sent");

        browser.type(By.id("settings:recipient"), "not an address").click(By.id("settings:send"));
        browser.waitForText(By.id("messages"), "is not one mail address");
    }

    @Test
    void theAdministrationPagesAreForAdministratorsOnly(ApplianceServer server, Browser browser) {
        DashboardOperators officer = DashboardOperators.create(server, "SECURITY_OFFICER", "HELPDESK");

        browser.signIn(officer.name(), officer.password());
        browser.visible(By.id("identities"));
        for (String link : new String[] {"Relying parties", "Operators", "Settings"}) {
            assertTrue(browser.all(By.linkText(link)).isEmpty(), "the menu does not offer " + link);
        }
        for (String page : new String[] {"settings", "operators", "relying-parties"}) {
            browser.go("admin/" + page + ".xhtml");
            assertEquals("Not allowed", browser.text(By.id("forbidden")), page);
        }
    }
}
