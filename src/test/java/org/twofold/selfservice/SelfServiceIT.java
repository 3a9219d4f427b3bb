package org.twofold.selfservice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twofold.testing.Problems.assertProblem;

import java.time.Duration;
import java.util.List;

import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.twofold.simulator.Appliance;
import org.twofold.testing.ApplianceExtension;
import org.twofold.testing.ApplianceServer;
import org.twofold.testing.Browser;
import org.twofold.testing.BrowserExtension;
import org.twofold.testing.Fixtures;
import org.twofold.testing.SyncRuns;
import org.twofold.testing.TestDirectory;

/**
 * A user who lost the phone deactivates their ID on the self-service panel with the directory password
 * alone, and is told by mail; a wrong password, an unknown name and a local identity get the same refusal.
 */
@ExtendWith({ApplianceExtension.class, BrowserExtension.class})
class SelfServiceIT {

    @Test
    void aUserWhoLostThePhoneDeactivatesTheirIdWithTheDirectoryPassword(ApplianceServer server, Browser browser)
            throws Exception {
        String prefix = Fixtures.unique("self");
        String ou = "ou=" + prefix + ",ou=people," + TestDirectory.BASE_DN;
        String user = prefix + "-lost";
        String password = "directory-pw-" + prefix;
        try (TestDirectory directory = TestDirectory.start()) {
            directory.server().add("dn: " + ou, "objectClass: organizationalUnit", "ou: " + prefix);
            directory.server().add("dn: uid=" + user + "," + ou, "objectClass: inetOrgPerson", "uid: " + user,
                    "cn: Lost Phone Owner", "sn: Owner", "mail: " + user + "@corp.test", "userPassword: " + password);
            String connection = server.admin().call("POST", "directory/connections", directory.connection(ou).build().toString())
                    .expect(201).json().getString("id");
            JsonObject run = SyncRuns.run(server, connection, "{\"mode\":\"FULL\"}");
            assertEquals(1, run.getInt("created"), run::toString);
            String code = server.admin().call("POST", "identities/" + user + "/activation-codes", "{}").expect(201)
                    .json().getString("activationCode");
            server.client().newDevice("Lost phone").enroll(code).expect(201);
            String local = Fixtures.unique("local");
            Fixtures.createIdentity(server, local);

            browser.go("my/");
            tryToDeactivate(browser, user, password + "x");
            browser.waitForText(By.id("lost:messages"), "Wrong user name or password.");
            tryToDeactivate(browser, "nobody-" + user, password);
            browser.waitForText(By.id("lost:messages"), "Wrong user name or password.");
            tryToDeactivate(browser, local, password);
            browser.waitForText(By.id("lost:messages"), "Wrong user name or password.");
            assertEquals("ACTIVE", Fixtures.identity(server, user).getString("status"));
            browser.screenshot("refused");

            tryToDeactivate(browser, user.toUpperCase(), password);
            browser.waitForText(By.id("deactivated"), "Your Twofold ID is deactivated.");
        }
        assertEquals("DEACTIVATED", Fixtures.identity(server, user).getString("status"));
        Appliance.RelyingParty vpn = Fixtures.relyingParty(server);
        assertProblem(vpn.startLogin(user, "VPN"), 403, "identity-deactivated");
        MimeMessage mail = server.mail().awaitMail(user + "@corp.test", "Your Twofold ID was deactivated", Duration.ofSeconds(20));
        assertTrue(mail.getContent().toString().contains("If this wasn't you"), mail.getContent()::toString);
        List<JsonObject> audit = server.admin().call("GET", "audit?target=identity:" + user + "&action=identity.deactivate", null)
                .expect(200).array().getValuesAs(JsonObject.class);
        assertEquals("user:" + user, audit.get(0).getString("actor"), "the audit says the user did it");
    }

    private static void tryToDeactivate(Browser browser, String user, String password) {
        browser.type(By.id("lost:user"), user).type(By.id("lost:password"), password).click(By.id("lost:deactivate"));
    }
}
