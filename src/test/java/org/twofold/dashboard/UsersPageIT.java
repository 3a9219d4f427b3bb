package org.twofold.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.twofold.simulator.DeviceSimulator;
import org.twofold.testing.ApplianceExtension;
import org.twofold.testing.ApplianceServer;
import org.twofold.testing.Browser;
import org.twofold.testing.BrowserExtension;
import org.twofold.testing.Fixtures;

/** The helpdesk finds one user among thousands on the users page and unpairs a lost phone. */
@ExtendWith({ApplianceExtension.class, BrowserExtension.class})
class UsersPageIT {

    private static final int HAYSTACK = 2000;

    @Test
    void helpdeskFindsOneUserAmongThousandsAndUnpairsTheLostPhone(ApplianceServer server, Browser browser) {
        String run = Fixtures.unique("hay");
        IntStream.range(0, HAYSTACK).parallel().forEach(i ->
                server.admin().createIdentity(String.format("%s-%04d", run, i), null).expect(201));
        String user = Fixtures.unique("needle");
        DeviceSimulator lost = Fixtures.enrolledUser(server, user, "Lost phone");
        DeviceSimulator kept = Fixtures.anotherDevice(server, user, "New phone");
        DashboardOperators helpdesk = DashboardOperators.create(server, "HELPDESK");

        browser.signIn(helpdesk.name(), helpdesk.password()).go("admin/users.xhtml");
        browser.type(By.id("search:user"), run).submit(By.id("search:find"));
        browser.waitForText(By.cssSelector("#list\\:users .ui-paginator-current"),
                "1–50 of more than " + ApplianceServer.COUNT_LIMIT);
        assertTrue(browser.text(By.id("list:capped")).contains("More than 1,000 identities match"),
                "the page says it stopped counting: " + browser.text(By.id("list:capped")));
        assertTrue(browser.currentPath().contains("user=" + run), "the search is in the address: " + browser.currentPath());
        assertEquals(50, rows(browser).size(), "one page of 50 rows");
        browser.screenshot("haystack");

        browser.go("admin/users.xhtml?user=" + run + "&sort=user&order=desc");
        assertEquals(run + "-" + (HAYSTACK - 1), firstUser(browser), "the reversed order starts at the other end");
        browser.go("admin/users.xhtml?user=" + run + "&sort=user&order=desc&first=" + (HAYSTACK - 50));
        browser.waitForText(By.cssSelector("#list\\:users .ui-paginator-current"),
                (ApplianceServer.COUNT_LIMIT - 49) + "–" + ApplianceServer.COUNT_LIMIT + " of more than");
        assertEquals(String.format("%s-%04d", run, HAYSTACK - ApplianceServer.COUNT_LIMIT + 49), firstUser(browser),
                "a page past the limit shows the last page the search offers");

        browser.go("admin/users.xhtml");
        browser.type(By.id("search:user"), user.toUpperCase()).submit(By.id("search:find"));
        browser.waitForText(By.cssSelector("#list\\:users .ui-paginator-current"), "of 1");
        List<WebElement> found = rows(browser);
        assertEquals(1, found.size());
        assertTrue(found.get(0).getText().contains("2"), "two active devices: " + found.get(0).getText());
        found.get(0).findElement(By.cssSelector(".tf-user")).click();

        browser.visible(By.id("detail:devices"));
        assertTrue(browser.currentPath().startsWith("/admin/user.xhtml?user=" + user));
        int lostRow = deviceRow(browser, "Lost phone");
        browser.screenshot("user");
        browser.clickConfirmed(By.id("detail:devices:" + lostRow + ":unpair"));
        browser.waitForText(By.id("messages"), "Device unpaired");
        assertEquals("UNPAIRED", browser.text(By.cssSelector("#detail\\:devices tbody tr:nth-child(" + (lostRow + 1)
                + ") .tf-state-UNPAIRED")));

        assertEquals("UNPAIRED", Fixtures.deviceState(server, user, lost.deviceId()));
        assertEquals("ACTIVE", Fixtures.deviceState(server, user, kept.deviceId()), "only the lost phone went");
    }

    @Test
    void aDisplayNameSearchIgnoresCaseAndShowsNamesInTheirOrder(ApplianceServer server, Browser browser) {
        String run = Fixtures.unique("dn");
        // user names in the opposite order of the display names
        List<String> users = List.of(run + "-3", run + "-2", run + "-1");
        List<String> names = List.of(run.toUpperCase() + " Adams", run + " Brown", run + " Clark");
        for (int i = 0; i < users.size(); i++) {
            server.admin().call("POST", "identities", "{\"user\": \"" + users.get(i) + "\", \"displayName\": \""
                    + names.get(i) + "\"}").expect(201);
        }
        DashboardOperators helpdesk = DashboardOperators.create(server, "HELPDESK");

        browser.signIn(helpdesk.name(), helpdesk.password()).go("admin/users.xhtml");
        browser.type(By.id("search:name"), run.toUpperCase()).submit(By.id("search:find"));
        browser.waitForText(By.cssSelector("#list\\:users .ui-paginator-current"), "1–3 of 3");
        assertEquals(users, rows(browser).stream().map(row -> row.findElement(By.cssSelector(".tf-user")).getText()).toList(),
                "display-name order, whatever the letter case");
        browser.screenshot("by-display-name");

        browser.go("admin/users.xhtml?name=" + run + "&sort=user");
        browser.waitForText(By.cssSelector("#list\\:users .ui-paginator-current"), "1–3 of 3");
        assertEquals(List.of(run + "-1", run + "-2", run + "-3"), rows(browser).stream()
                .map(row -> row.findElement(By.cssSelector(".tf-user")).getText()).toList(), "user-name order when asked");
    }

    @Test
    void helpdeskCreatesALocalIdentityAndItsFirstPhoneEnrollsWithTheCodeShown(ApplianceServer server, Browser browser) {
        String user = Fixtures.unique("newcomer");
        DashboardOperators helpdesk = DashboardOperators.create(server, "HELPDESK");

        browser.signIn(helpdesk.name(), helpdesk.password()).go("admin/users.xhtml");
        browser.click(By.id("search:newIdentity"));
        browser.type(By.id("create:user"), user).type(By.id("create:email"), user + "@corp.test")
                .type(By.id("create:displayName"), "New Comer").click(By.id("create:save"));
        String code = browser.text(By.id("activationCode"));
        browser.screenshot("created");

        server.client().from(Fixtures.uniqueAddress()).newDevice("First phone").enroll(code).expect(201);
        assertEquals("New Comer", Fixtures.identity(server, user).getString("displayName"));
        assertEquals(1, Fixtures.identity(server, user).getJsonArray("devices").size());
    }

    private static String firstUser(Browser browser) {
        return rows(browser).get(0).findElement(By.cssSelector(".tf-user")).getText();
    }

    private static List<WebElement> rows(Browser browser) {
        browser.visible(By.cssSelector("#list\\:users tbody tr"));
        return browser.all(By.cssSelector("#list\\:users tbody tr[data-ri]"));
    }

    private static int deviceRow(Browser browser, String name) {
        List<WebElement> devices = browser.all(By.cssSelector("#detail\\:devices tbody tr"));
        for (int i = 0; i < devices.size(); i++) {
            if (devices.get(i).getText().contains(name)) {
                return i;
            }
        }
        throw new AssertionError("no device " + name + " on the user page");
    }
}
