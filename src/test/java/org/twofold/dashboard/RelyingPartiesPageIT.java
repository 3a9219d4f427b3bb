package org.twofold.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twofold.testing.Problems.assertProblem;

import java.util.List;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.twofold.testing.ApplianceExtension;
import org.twofold.testing.ApplianceServer;
import org.twofold.testing.Browser;
import org.twofold.testing.BrowserExtension;
import org.twofold.testing.Fixtures;

/** An administrator registers an application, rotates its API key and revokes it; each key is shown once. */
@ExtendWith({ApplianceExtension.class, BrowserExtension.class})
class RelyingPartiesPageIT {

    private static final By KEY = By.id("apiKey");

    @Test
    void anAdministratorRegistersRotatesAndRevokesARelyingParty(ApplianceServer server, Browser browser) {
        DashboardOperators admin = DashboardOperators.create(server, "ADMIN");
        String name = Fixtures.unique("vpn");
        String user = Fixtures.unique("rpp");
        Fixtures.enrolledUser(server, user);

        browser.signIn(admin.name(), admin.password()).go("admin/relying-parties.xhtml");
        browser.type(By.id("parties:name"), name).click(By.id("parties:register"));
        String key = browser.text(KEY);
        browser.screenshot("key-shown-once");
        server.client().relyingParty(key).startLogin(user, "VPN").expect(201);
        browser.click(By.id("parties:stored"));
        browser.waitUntilGone(KEY);
        browser.go("admin/relying-parties.xhtml");
        assertFalse(browser.pageSource().contains(key), "the key is never shown again");
        assertTrue(rowText(browser, name).contains("active"));

        browser.clickConfirmed(By.id("parties:list:" + row(browser, name) + ":rotate"));
        String rotated = browser.text(KEY);
        assertNotEquals(key, rotated);
        assertProblem(server.client().relyingParty(key).startLogin(user, "VPN"), 401, "invalid-api-key");
        server.client().relyingParty(rotated).startLogin(user, "VPN").expect(201);
        browser.click(By.id("parties:stored"));
        browser.waitUntilGone(KEY);

        browser.clickConfirmed(By.id("parties:list:" + row(browser, name) + ":revoke"));
        browser.waitForText(By.id("messages"), "Relying party revoked");
        browser.screenshot("revoked");
        assertTrue(rowText(browser, name).contains("revoked"), rowText(browser, name));
        assertTrue(browser.all(By.id("parties:list:" + row(browser, name) + ":rotate")).isEmpty(),
                "a revoked party gets no new key");
        assertProblem(server.client().relyingParty(rotated).startLogin(user, "VPN"), 401, "invalid-api-key");
        JsonObject listed = server.admin().call("GET", "relying-parties", null).expect(200).array()
                .getValuesAs(JsonObject.class).stream().filter(p -> p.getString("name").equals(name)).findFirst()
                .orElseThrow();
        assertTrue(listed.getBoolean("revoked"));
        assertEquals(List.of("relying-party.revoke", "relying-party.rotate", "relying-party.create"),
                server.admin().call("GET", "audit?target=relying-party:" + name, null).expect(200).array()
                        .getValuesAs(JsonObject.class).stream().map(entry -> entry.getString("action")).toList());
    }

    private static int row(Browser browser, String name) {
        browser.visible(By.id("parties:list"));
        List<WebElement> rows = browser.all(By.cssSelector("#parties\\:list tbody tr"));
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).findElement(By.cssSelector(".tf-party")).getText().equals(name)) {
                return i;
            }
        }
        throw new AssertionError(name + " is not listed");
    }

    private static String rowText(Browser browser, String name) {
        return browser.all(By.cssSelector("#parties\\:list tbody tr")).get(row(browser, name)).getText();
    }
}
