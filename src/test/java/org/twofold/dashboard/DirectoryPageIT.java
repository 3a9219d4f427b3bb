package org.twofold.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twofold.testing.Problems.assertProblem;

import java.io.StringReader;
import java.time.Duration;
import java.util.List;

import jakarta.json.Json;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.twofold.testing.ApplianceExtension;
import org.twofold.testing.ApplianceServer;
import org.twofold.testing.Browser;
import org.twofold.testing.BrowserExtension;
import org.twofold.testing.Fixtures;
import org.twofold.testing.TestDirectory;

/**
 * An administrator connects a directory on the dashboard: the test explains a wrong password, a dry run
 * previews and writes nothing, a run creates the identities while its progress shows, a run that would
 * deactivate too many waits for confirmation, and the history keeps each run with its skipped entries.
 * The helpdesk is refused.
 */
@ExtendWith({ApplianceExtension.class, BrowserExtension.class})
class DirectoryPageIT {

    private static final int USERS = 600;
    private static final int LEAVING = 100;

    private static TestDirectory directory;

    @BeforeAll
    static void startDirectory() {
        directory = TestDirectory.start();
    }

    @AfterAll
    static void stopDirectory() {
        directory.close();
    }

    @Test
    void anAdministratorTestsPreviewsRunsAndConfirmsASync(ApplianceServer server, Browser browser) throws Exception {
        String prefix = Fixtures.unique("dp");
        String ou = "ou=" + prefix + ",ou=people," + TestDirectory.BASE_DN;
        directory.server().add("dn: " + ou, "objectClass: organizationalUnit", "ou: " + prefix);
        for (int i = 0; i < USERS; i++) {
            String uid = prefix + "-u" + i;
            directory.server().add("dn: uid=" + uid + "," + ou, "objectClass: inetOrgPerson", "uid: " + uid,
                    "cn: Name of " + uid, "sn: " + uid, "mail: " + uid + "@corp.test");
        }
        String badDn = "cn=no-uid," + ou;
        directory.server().add("dn: " + badDn, "objectClass: inetOrgPerson", "cn: no-uid", "sn: x");
        String document = Json.createObjectBuilder(directory.connection(ou).build()).remove("bindPassword").build().toString();
        String connectionName = Json.createReader(new StringReader(document)).readObject().getString("name");
        DashboardOperators admin = DashboardOperators.create(server, "ADMIN");

        browser.signIn(admin.name(), admin.password()).go("admin/directory.xhtml");
        browser.click(By.id("directory:new"));
        browser.type(By.id("directory:document"), document);
        browser.type(By.id("directory:bindPassword"), "not-the-password");
        browser.click(By.id("directory:save"));
        browser.waitForText(By.id("messages"), "Saved " + connectionName);
        browser.click(By.id("directory:test"));
        browser.waitForText(By.id("directory:testResult"), "does not work");
        assertTrue(browser.text(By.id("directory:testResult")).contains("invalid credentials"),
                browser.text(By.id("directory:testResult")));
        browser.scrollTo(By.id("directory:actions")).screenshot("wrong-password");

        browser.type(By.id("directory:bindPassword"), TestDirectory.BIND_PASSWORD);
        browser.click(By.id("directory:save"));
        browser.waitForText(By.id("messages"), "Saved " + connectionName);
        assertFalse(browser.pageSource().contains(TestDirectory.BIND_PASSWORD), "the password is never shown back");
        browser.click(By.id("directory:test"));
        browser.waitForText(By.id("directory:testResult"), "The connection works");

        browser.click(By.id("directory:dryRun"));
        awaitRun(browser, "SUCCEEDED");
        assertEquals(List.of(USERS, 0, 0, 0, 1), counts(browser));
        assertTrue(browser.text(By.id("directory:runMessage")).contains("nothing written"));
        browser.scrollTo(By.id("directory:actions")).screenshot("dry-run");
        assertProblem(server.admin().call("GET", "identities/" + prefix + "-u0", null), 404, "unknown-user");

        browser.clickConfirmed(By.id("directory:runNow"));
        browser.scrollTo(By.id("directory:actions")).screenshot("running");
        awaitRun(browser, "SUCCEEDED");
        assertEquals(List.of(USERS, 0, 0, 0, 1), counts(browser));
        assertEquals("100 %", browser.text(By.cssSelector("#directory\\:progress .ui-progressbar-label")));
        assertEquals("ACTIVE", Fixtures.identity(server, prefix + "-u0").getString("status"));
        assertEquals("ACTIVE", Fixtures.identity(server, prefix + "-u" + (USERS - 1)).getString("status"));
        assertTrue(browser.text(By.id("directory:errorEntries")).contains(badDn), "the skipped entry and why");
        assertEquals(2, browser.all(By.cssSelector("#directory\\:runs tbody tr")).size());
        String latest = historyRow(browser, 1);
        assertTrue(latest.contains("FULL") && latest.contains("SUCCEEDED") && latest.contains(String.valueOf(USERS)), latest);
        assertTrue(historyRow(browser, 2).contains("(dry run)"), historyRow(browser, 2));
        browser.scrollTo(By.id("directory:run")).screenshot("ran");
        browser.scrollTo(By.id("directory:history")).screenshot("history");

        for (int i = 0; i < LEAVING; i++) {
            directory.server().delete("uid=" + prefix + "-u" + i + "," + ou);
        }
        browser.clickConfirmed(By.id("directory:runNow"));
        awaitRun(browser, "STOPPED_FOR_CONFIRMATION");
        assertTrue(browser.text(By.id("directory:confirmation")).contains("would deactivate " + LEAVING + " of " + USERS),
                browser.text(By.id("directory:confirmation")));
        assertEquals(LEAVING, counts(browser).get(2));
        assertEquals("ACTIVE", Fixtures.identity(server, prefix + "-u0").getString("status"), "nothing was written");
        browser.scrollTo(By.id("directory:actions")).screenshot("waiting-for-confirmation");

        browser.clickConfirmed(By.id("directory:confirm"));
        awaitRun(browser, "SUCCEEDED");
        assertEquals(LEAVING, counts(browser).get(2));
        assertEquals("DEACTIVATED", Fixtures.identity(server, prefix + "-u0").getString("status"));
        assertEquals("ACTIVE", Fixtures.identity(server, prefix + "-u" + LEAVING).getString("status"));

        browser.click(By.cssSelector("#directory\\:runs tbody tr:nth-child(4) button"));
        browser.waitForText(By.cssSelector("#directory\\:run h3"), "Dry run");
        assertEquals("SUCCEEDED", browser.text(By.id("runStatus")), "the oldest run's details");
        assertTrue(browser.text(By.id("directory:errorEntries")).contains(badDn));
    }

    @Test
    void theHelpdeskIsRefusedOnTheDirectoryPageAndCalls(ApplianceServer server, Browser browser) {
        DashboardOperators helpdesk = DashboardOperators.create(server, "HELPDESK");

        browser.signIn(helpdesk.name(), helpdesk.password());
        browser.visible(By.id("identities"));
        assertFalse(browser.pageSource().contains("Directory"), "the menu does not offer the directory page");
        browser.go("admin/directory.xhtml");
        assertEquals("Not allowed", browser.text(By.id("forbidden")));

        assertProblem(server.client().operator(helpdesk.name(), helpdesk.password())
                .call("GET", "directory/connections", null), 403, "forbidden");
    }

    /** Waits until the page, polling by itself, shows the run in this state. */
    private static void awaitRun(Browser browser, String status) {
        browser.waitForText(By.id("runStatus"), status, Duration.ofSeconds(120));
    }

    /** The history's n-th row (from 1, newest first). */
    private static String historyRow(Browser browser, int n) {
        return browser.text(By.cssSelector("#directory\\:runs tbody tr:nth-child(" + n + ")"));
    }

    /** Created, updated, deactivated, reactivated, errors as the run panel shows them. */
    private static List<Integer> counts(Browser browser) {
        return List.of("created", "updated", "deactivated", "reactivated", "errors").stream()
                .map(id -> Integer.valueOf(browser.text(By.id(id)))).toList();
    }
}
