package org.twofold.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twofold.testing.Problems.assertProblem;

import java.util.List;

import jakarta.json.JsonObject;

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

/**
 * The devices page lists every device, filtered by state and user: a security officer finds a blocked
 * device among all blocked ones and unblocks it; the helpdesk is offered no unblock, and the call refuses it.
 */
@ExtendWith({ApplianceExtension.class, BrowserExtension.class})
class DevicesPageIT {

    @Test
    void aSecurityOfficerFindsABlockedDeviceAndUnblocksIt(ApplianceServer server, Browser browser) {
        String user = Fixtures.unique("dev");
        DeviceSimulator phone = Fixtures.enrolledUser(server, user, "Own phone");
        DeviceSimulator stranger = blockedNewcomer(server, user, phone, "Unknown phone");
        DashboardOperators officer = DashboardOperators.create(server, "SECURITY_OFFICER");

        browser.signIn(officer.name(), officer.password()).go("admin/devices.xhtml");
        browser.choose("search:state", "BLOCKED");
        browser.submit(By.id("search:find"));
        browser.waitForText(By.cssSelector("#list\\:devices .ui-paginator-current"), "of ");
        assertTrue(browser.currentPath().contains("state=BLOCKED"), "the search is in the address: " + browser.currentPath());
        List<WebElement> blocked = rows(browser);
        assertTrue(!blocked.isEmpty());
        blocked.forEach(row -> assertTrue(row.getText().contains("BLOCKED"), "only blocked devices: " + row.getText()));
        browser.screenshot("blocked");

        browser.type(By.id("search:user"), user).submit(By.id("search:find"));
        browser.waitForText(By.cssSelector("#list\\:devices .ui-paginator-current"), "of 1");
        assertTrue(browser.currentPath().contains("state=BLOCKED") && browser.currentPath().contains("user=" + user),
                browser.currentPath());
        WebElement row = rows(browser).get(0);
        assertTrue(row.getText().contains("Unknown phone") && row.getText().contains(user), row.getText());
        browser.screenshot("found");

        browser.clickConfirmed(By.id("list:devices:0:unblock"));
        browser.waitForText(By.id("messages"), "Device unblocked");
        browser.waitForText(By.cssSelector("#list\\:devices .ui-datatable-empty-message"), "No device matches");
        assertEquals("ACTIVE", Fixtures.deviceState(server, user, stranger.deviceId()), "the appliance unblocked it");

        browser.go("admin/devices.xhtml?user=" + user + "&sort=bound&order=asc");
        browser.waitForText(By.cssSelector("#list\\:devices .ui-paginator-current"), "of 2");
        List<WebElement> both = rows(browser);
        assertTrue(both.get(0).getText().contains("Own phone"), "bound first, listed first: " + both.get(0).getText());
        assertTrue(both.get(1).getText().contains("Unknown phone") && both.get(1).getText().contains("ACTIVE"),
                both.get(1).getText());
        browser.screenshot("unblocked");
        both.get(0).findElement(By.cssSelector(".tf-user")).click();
        browser.visible(By.id("detail:devices"));
        assertTrue(browser.currentPath().startsWith("/admin/user.xhtml?user=" + user), browser.currentPath());
    }

    @Test
    void theHelpdeskSeesBlockedDevicesButCannotUnblockThem(ApplianceServer server, Browser browser) {
        String user = Fixtures.unique("devhd");
        DeviceSimulator phone = Fixtures.enrolledUser(server, user, "Own phone");
        DeviceSimulator stranger = blockedNewcomer(server, user, phone, "Unknown tablet");
        DashboardOperators helpdesk = DashboardOperators.create(server, "HELPDESK");

        browser.signIn(helpdesk.name(), helpdesk.password()).go("admin/devices.xhtml?state=BLOCKED&user=" + user);
        browser.waitForText(By.cssSelector("#list\\:devices .ui-paginator-current"), "of 1");
        assertTrue(rows(browser).get(0).getText().contains("Unknown tablet"));
        assertEquals(List.of(), browser.all(By.id("list:devices:0:unblock")), "no unblock button for the helpdesk");
        browser.screenshot("helpdesk");

        assertProblem(server.client().operator(helpdesk.name(), helpdesk.password())
                .call("POST", "devices/" + stranger.deviceId() + "/unblock", null), 403, "forbidden");
        assertEquals("BLOCKED", Fixtures.deviceState(server, user, stranger.deviceId()));
    }

    /** Enrolls one more device of the user, which the user's phone blocks from its "device added" notification. */
    private static DeviceSimulator blockedNewcomer(ApplianceServer server, String user, DeviceSimulator phone, String name) {
        DeviceSimulator newcomer = Fixtures.anotherDevice(server, user, name);
        String added = phone.inbox().expect(200).json().getJsonArray("notifications").getValuesAs(JsonObject.class)
                .stream()
                .filter(n -> n.getString("type").equals("DEVICE_ADDED") && n.getString("deviceId").equals(newcomer.deviceId()))
                .findFirst().orElseThrow().getString("id");
        phone.block(added).expect(200);
        assertEquals("BLOCKED", Fixtures.deviceState(server, user, newcomer.deviceId()));
        return newcomer;
    }

    private static List<WebElement> rows(Browser browser) {
        browser.visible(By.cssSelector("#list\\:devices tbody tr"));
        return browser.all(By.cssSelector("#list\\:devices tbody tr[data-ri]"));
    }
}
