package org.twofold.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twofold.testing.Problems.assertProblem;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.twofold.testing.ApplianceExtension;
import org.twofold.testing.ApplianceServer;
import org.twofold.testing.Browser;
import org.twofold.testing.BrowserExtension;
import org.twofold.testing.Fixtures;

/**
 * An administrator manages operator accounts on the dashboard; the operator concerned, signed in meanwhile in
 * another browser, feels each change on the very next click.
 */
@ExtendWith({ApplianceExtension.class, BrowserExtension.class})
class OperatorsPageIT {

    @Test
    void anAdministratorCreatesAnOperatorThenChangesItsRolesAndPasswordAndDeletesIt(ApplianceServer server,
                                                                                      Browser browser) {
        DashboardOperators admin = DashboardOperators.create(server, "ADMIN");
        String name = Fixtures.unique("op");
        String password = "pw-" + UUID.randomUUID();

        browser.signIn(admin.name(), admin.password()).go("admin/operators.xhtml");
        browser.type(By.id("create:newName"), name);
        browser.type(By.id("create:newPassword"), password);
        browser.type(By.id("create:newRepeated"), password + "x");
        browser.click(By.cssSelector("label[for='create:newRoles:2']"));
        browser.click(By.id("create:create"));
        browser.waitForText(By.id("messages"), "The two passwords differ");
        assertTrue(listed(server, name).isEmpty(), "nothing is created with differing passwords");
        browser.type(By.id("create:newPassword"), password);
        browser.type(By.id("create:newRepeated"), password);
        browser.click(By.id("create:create"));
        browser.waitForText(By.id("messages"), "Operator " + name + " created.");
        assertEquals(List.of("HELPDESK"), roles(listed(server, name).orElseThrow()));

        try (Browser helpdesk = Browser.open(server.baseUrl(), "OperatorsPageIT.changedOperator")) {
            helpdesk.signIn(name, password).go("admin/approvals.xhtml");
            helpdesk.visible(By.id("approvals:pending"));

            browser.submit(By.id("operators:accounts:" + row(browser, name) + ":edit"));
            browser.click(By.cssSelector("label[for='edit:roles:2']"));
            browser.click(By.cssSelector("label[for='edit:roles:1']"));
            browser.click(By.id("edit:saveRoles"));
            browser.waitForText(By.id("messages"), "Roles of " + name + " saved");
            browser.screenshot("roles-changed");
            assertEquals(List.of("SECURITY_OFFICER"), roles(listed(server, name).orElseThrow()));

            helpdesk.go("admin/approvals.xhtml");
            assertEquals("Not allowed", helpdesk.text(By.id("forbidden")), "the old role is gone at the next click");
            helpdesk.go("admin/audit.xhtml");
            helpdesk.visible(By.id("trail:entries"));
            helpdesk.screenshot("new-role");

            String newPassword = "new-" + UUID.randomUUID();
            browser.type(By.id("edit:password"), newPassword);
            browser.type(By.id("edit:repeated"), newPassword);
            browser.click(By.id("edit:setPassword"));
            browser.waitForText(By.id("messages"), "New password of " + name + " set");

            helpdesk.go("admin/audit.xhtml");
            assertEquals("/admin/login.xhtml", helpdesk.currentPath(), "the session of the old password is over");
            assertProblem(server.client().operator(name, password).call("GET", "audit", null), 401, "unauthenticated");
            server.client().operator(name, newPassword).call("GET", "audit", null).expect(200);
        }

        browser.clickConfirmed(By.id("edit:delete"));
        browser.waitForText(By.id("messages"), "Operator " + name + " deleted.");
        browser.screenshot("deleted");
        assertTrue(listed(server, name).isEmpty());
        assertTrue(browser.all(By.id("edit:panel")).isEmpty(), "the deleted operator is no longer open");
    }

    @Test
    void anAdministratorCannotDeleteThemselfOrTakeTheirOwnAdminRoleButSetsTheirOwnPassword(ApplianceServer server, Browser browser) {
        DashboardOperators admin = DashboardOperators.create(server, "ADMIN");

        browser.signIn(admin.name(), admin.password()).go("admin/operators.xhtml");
        browser.submit(By.id("operators:accounts:" + row(browser, admin.name()) + ":edit"));
        browser.clickConfirmed(By.id("edit:delete"));
        browser.waitForText(By.id("messages"), "Operators cannot delete their own account");
        browser.click(By.cssSelector("label[for='edit:roles:0']"));
        browser.click(By.cssSelector("label[for='edit:roles:2']"));
        browser.click(By.id("edit:saveRoles"));
        browser.waitForText(By.id("messages"), "Operators cannot take the ADMIN role from themselves");
        browser.screenshot("refused");
        assertEquals(List.of("ADMIN"), roles(listed(server, admin.name()).orElseThrow()));

        String newPassword = "new-" + UUID.randomUUID();
        browser.type(By.id("edit:password"), newPassword);
        browser.type(By.id("edit:repeated"), newPassword);
        browser.click(By.id("edit:setPassword"));
        browser.waitForText(By.id("messages"), "New password of " + admin.name() + " set");
        browser.go("admin/operators.xhtml");
        browser.visible(By.id("operators:accounts"));
        assertEquals("/admin/operators.xhtml", browser.currentPath(), "one's own new password keeps one signed in");
        assertProblem(server.client().operator(admin.name(), admin.password()).call("GET", "operators", null),
                401, "unauthenticated");
        server.client().operator(admin.name(), newPassword).call("GET", "operators", null).expect(200);
    }

    private static int row(Browser browser, String name) {
        browser.visible(By.id("operators:accounts"));
        List<WebElement> rows = browser.all(By.cssSelector("#operators\\:accounts tbody tr"));
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).findElement(By.cssSelector(".tf-operator-name")).getText().equals(name)) {
                return i;
            }
        }
        throw new AssertionError(name + " is not listed");
    }

    private static Optional<JsonObject> listed(ApplianceServer server, String name) {
        return server.admin().call("GET", "operators", null).expect(200).array().getValuesAs(JsonObject.class).stream()
                .filter(operator -> operator.getString("name").equals(name)).findFirst();
    }

    private static List<String> roles(JsonObject operator) {
        return operator.getJsonArray("roles").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }
}
