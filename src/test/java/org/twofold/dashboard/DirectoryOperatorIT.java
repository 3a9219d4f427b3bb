package org.twofold.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;

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
 * Members of directory groups that a connection maps to operator roles sign in to the dashboard with their
 * directory password and get exactly those roles, nested groups included; others are refused like a wrong
 * password. The admin API keeps to local operator accounts.
 */
@ExtendWith({ApplianceExtension.class, BrowserExtension.class})
class DirectoryOperatorIT {

    @Test
    void aMemberOfTheMappedGroupSignsInWithThatRoleOnly(ApplianceServer server, Browser browser) throws Exception {
        String prefix = Fixtures.unique("dirops");
        String ou = "ou=" + prefix + ",ou=people," + TestDirectory.BASE_DN;
        String operators = "cn=" + prefix + "-operators," + ou;
        String team = "cn=" + prefix + "-team," + ou;
        String member = prefix + "-member";
        String outsider = prefix + "-outsider";
        String password = "directory-pw-" + prefix;
        try (TestDirectory directory = TestDirectory.start()) {
            directory.server().add("dn: " + ou, "objectClass: organizationalUnit", "ou: " + prefix);
            directory.server().add("dn: " + operators, "objectClass: groupOfNames", "cn: " + prefix + "-operators",
                    "member: " + team);
            directory.server().add("dn: " + team, "objectClass: groupOfNames", "cn: " + prefix + "-team",
                    "member: uid=" + member + "," + ou, "memberOf: " + operators);
            directory.server().add("dn: uid=" + member + "," + ou, "objectClass: inetOrgPerson", "uid: " + member,
                    "cn: Helpdesk Member", "sn: Member", "userPassword: " + password, "memberOf: " + team);
            directory.server().add("dn: uid=" + outsider + "," + ou, "objectClass: inetOrgPerson", "uid: " + outsider,
                    "cn: Outsider", "sn: Outsider", "userPassword: " + password);
            server.admin().call("POST", "directory/connections", directory.connection(ou)
                    .add("operatorGroups", Json.createObjectBuilder().add("HELPDESK", Json.createArrayBuilder().add(operators)))
                    .build().toString()).expect(201);

            browser.signIn(outsider, password);
            browser.waitForText(By.id("login:messages"), "Wrong operator name or password.");
            browser.signIn(member, password + "x");
            browser.waitForText(By.id("login:messages"), "Wrong operator name or password.");

            browser.signIn(member, password);
            browser.visible(By.id("identities"));
            assertTrue(browser.text(By.cssSelector(".tf-operator")).contains(member));
            assertFalse(browser.pageSource().contains(">Policies<"), "HELPDESK has no policy page");
            browser.screenshot("directory-operator");
            browser.go("admin/policies.xhtml");
            assertEquals("Not allowed", browser.text(By.id("forbidden")));
            browser.go("admin/users.xhtml");
            browser.visible(By.id("list:users"));

            assertEquals(401, server.client().operator(member, password).call("GET", "operators", null).status(),
                    "the admin API takes local operator accounts only");
        }
    }
}
