package org.twofold.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.twofold.testing.Problems.assertProblem;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.twofold.testing.ApplianceExtension;
import org.twofold.testing.ApplianceServer;
import org.twofold.testing.Browser;
import org.twofold.testing.BrowserExtension;
import org.twofold.testing.Fixtures;

/** Security officers edit restore policies on the dashboard; the helpdesk may not, on the page or over REST. */
@ExtendWith({ApplianceExtension.class, BrowserExtension.class})
class PoliciesPageIT {

    @Test
    void aSecurityOfficerProhibitsRestoreForAUserAndTheExplanationFollows(ApplianceServer server, Browser browser) {
        String user = Fixtures.unique("pol");
        Fixtures.createIdentity(server, user);
        String policy = Fixtures.unique("no-restore");
        DashboardOperators officer = DashboardOperators.create(server, "SECURITY_OFFICER");

        browser.signIn(officer.name(), officer.password()).go("admin/policies.xhtml");
        browser.type(By.id("policies:explainUser"), user).click(By.id("policies:explain"));
        assertEquals("true", browser.text(By.cssSelector("#policies\\:explained .tf-policy-restoreAllowed")));

        browser.click(By.id("policies:new"));
        browser.type(By.id("policies:name"), policy);
        browser.type(By.id("policies:document"), "{\"priority\": 900000, \"users\": [\"" + user + "\"], \"restoreAllowed\": tru}");
        browser.click(By.id("policies:save"));
        browser.waitForText(By.id("messages"), "not a JSON object");
        browser.type(By.id("policies:document"), "{\"priority\": 900000, \"users\": [\"" + user + "\"], \"restoreAllowed\": 7}");
        browser.click(By.id("policies:save"));
        browser.waitForText(By.id("messages"), "restoreAllowed");
        browser.screenshot("invalid");

        browser.type(By.id("policies:document"), "{\"priority\": 900000, \"users\": [\"" + user + "\"], \"restoreAllowed\": false}");
        browser.click(By.id("policies:save"));
        browser.waitForText(By.id("messages"), "Saved " + policy + ", version 1");
        browser.waitForText(By.cssSelector("#policies\\:explained .tf-policy-restoreAllowed"), "false");
        browser.screenshot("explained");

        assertEquals(false, server.admin().call("GET", "identities/" + user + "/effective-policy", null)
                .expect(200).json().getBoolean("restoreAllowed"), "the admin API sees the same policy");
        assertEquals(policy, server.admin().call("GET", "identities/" + user + "/effective-policy", null)
                .expect(200).json().getJsonObject("explain").getJsonObject("restoreAllowed").getString("policy"));
    }

    @Test
    void theHelpdeskIsRefusedOnThePolicyPageAndOnThePolicyCall(ApplianceServer server, Browser browser) {
        DashboardOperators helpdesk = DashboardOperators.create(server, "HELPDESK");

        browser.signIn(helpdesk.name(), helpdesk.password());
        browser.visible(By.id("identities"));
        assertFalse(browser.pageSource().contains("Policies"), "the menu does not offer the policy page");
        browser.go("admin/policies.xhtml");
        assertEquals("Not allowed", browser.text(By.id("forbidden")));

        assertProblem(server.client().operator(helpdesk.name(), helpdesk.password())
                .call("PUT", "policies/" + Fixtures.unique("hd-policy"), "{\"priority\": 5, \"restoreAllowed\": false}"),
                403, "forbidden");
        assertProblem(server.client().operator(helpdesk.name(), helpdesk.password())
                .call("GET", "policies", null), 403, "forbidden");
    }
}
