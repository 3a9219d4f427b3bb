package org.twofold.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.twofold.testing.PolicyFixtures;

/** A lost restore code re-issued from the dashboard needs a second operator when policy says four eyes. */
@ExtendWith({ApplianceExtension.class, BrowserExtension.class})
class FourEyesIT {

    @Test
    void aReissueWaitsForASecondOperatorAndTheFirstCannotApproveIt(ApplianceServer server, Browser browser) {
        String user = Fixtures.unique("four");
        DeviceSimulator phone = Fixtures.enrolledUser(server, user);
        phone.activateRestore().expect(201);
        PolicyFixtures.forUser(server, user, "\"reissueNeedsSecondOperator\":true");
        DashboardOperators first = DashboardOperators.create(server, "HELPDESK");
        DashboardOperators second = DashboardOperators.create(server, "HELPDESK");

        browser.signIn(first.name(), first.password()).go("admin/user.xhtml?user=" + user);
        browser.choose("detail:channel", "PHONE");
        browser.click(By.id("detail:reissue"));
        browser.waitForText(By.id("messages"), "Waiting for a second operator");
        assertTrue(deliveries(server, user).isEmpty(), "nothing is issued before the approval");

        browser.go("admin/approvals.xhtml");
        int row = approvalRow(browser, user);
        browser.click(By.id("approvals:pending:" + row + ":approve"));
        browser.waitForText(By.id("messages"), "A second operator must approve");
        browser.screenshot("same-operator-refused");
        assertTrue(deliveries(server, user).isEmpty(), "the one who asked cannot approve");

        browser.submit(By.id("session:signOut"));
        browser.signIn(second.name(), second.password()).go("admin/approvals.xhtml");
        browser.click(By.id("approvals:pending:" + approvalRow(browser, user) + ":approve"));
        browser.waitForText(By.id("messages"), "Approved and carried out.");
        browser.screenshot("approved");

        List<JsonObject> issued = deliveries(server, user);
        assertEquals(1, issued.size(), "one code waits for the phone call: " + issued);
    }

    private static List<JsonObject> deliveries(ApplianceServer server, String user) {
        return server.admin().call("GET", "restore-code-deliveries?channel=PHONE", null).expect(200).array()
                .getValuesAs(JsonObject.class).stream().filter(d -> d.toString().contains(user)).toList();
    }

    private static int approvalRow(Browser browser, String user) {
        browser.visible(By.id("approvals:pending"));
        List<WebElement> rows = browser.all(By.cssSelector("#approvals\\:pending tbody tr"));
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).getText().contains(user)) {
                return i;
            }
        }
        throw new AssertionError("no approval for " + user + " is listed");
    }
}
