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
import org.openqa.selenium.WebElement;
import org.twofold.simulator.Appliance;
import org.twofold.simulator.DeviceSimulator;
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
        String user = Fixtures.unique("self") + "-lost";
        String password = "directory-pw-" + user;
        try (TestDirectory directory = TestDirectory.start()) {
            syncedDirectoryUser(server, directory, user, password);
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

    @Test
    void aUserSignsInWithPasswordAndPhoneUnpairsOnePhoneAndBlocksAnUnknownOne(ApplianceServer server, Browser browser)
            throws Exception {
        String user = Fixtures.unique("self") + "-panel";
        String password = "directory-pw-" + user;
        try (TestDirectory directory = TestDirectory.start()) {
            syncedDirectoryUser(server, directory, user, password);
            DeviceSimulator phone = Fixtures.anotherDevice(server, user, "My phone");
            DeviceSimulator tablet = Fixtures.anotherDevice(server, user, "Old tablet");
            DeviceSimulator intruder = Fixtures.anotherDevice(server, user, "Unknown phone");

            browser.go("my/");
            browser.type(By.id("signIn:user"), user).type(By.id("signIn:password"), password).click(By.id("signIn:signIn"));
            String number = browser.text(By.id("number")).strip();
            browser.screenshot("approve");
            JsonObject request = phone.inbox().expect(200).json().getJsonArray("pending").getValuesAs(JsonObject.class)
                    .stream().filter(item -> item.toString().contains("Twofold self-service")).findFirst().orElseThrow();
            phone.decide(request.getString("id"), "APPROVE", number).expect(200);

            browser.visible(By.id("home:devices"));
            assertEquals("/my/home.xhtml", browser.currentPath());
            assertTrue(browser.text(By.id("home:devices")).contains("My phone (approved this sign-in)"));
            browser.screenshot("panel");

            browser.clickConfirmed(By.id("home:devices:" + row(browser, "home:devices", "Old tablet") + ":unpair"));
            browser.waitForText(By.id("home:messages"), "The phone is unpaired");
            assertEquals("UNPAIRED", Fixtures.deviceState(server, user, tablet.deviceId()));

            browser.clickConfirmed(By.id("home:events:" + row(browser, "home:events", "Unknown phone") + ":notMe"));
            browser.waitForText(By.id("home:messages"), "That phone is blocked");
            assertEquals("BLOCKED", Fixtures.deviceState(server, user, intruder.deviceId()));
            assertEquals("ACTIVE", Fixtures.deviceState(server, user, phone.deviceId()));

            browser.click(By.id("home:addPhone"));
            String code = browser.text(By.id("newPhoneCode"));
            server.client().from(Fixtures.uniqueAddress()).newDevice("New phone").enroll(code).expect(201);
            browser.screenshot("new-phone");

            browser.go("admin/index.xhtml");
            assertEquals("/admin/login.xhtml", browser.currentPath(), "a signed-in user is no operator");
            browser.go("my/home.xhtml");
            browser.submit(By.id("session:signOut"));
            browser.go("my/home.xhtml");
            assertEquals("/my/", browser.currentPath(), "signed out, the panel is closed");
        }
    }

    @Test
    void thePanelStaysClosedWithoutTheApprovalOnAPhone(Browser browser) {
        browser.go("my/home.xhtml");
        assertEquals("/my/", browser.currentPath());
        browser.go("my/approve.xhtml");
        assertEquals("/my/", browser.currentPath());
    }

    /** A directory account with a mail address and a password, in an OU of its own, synced to an identity. */
    private static void syncedDirectoryUser(ApplianceServer server, TestDirectory directory, String user, String password)
            throws Exception {
        String ou = "ou=" + user + ",ou=people," + TestDirectory.BASE_DN;
        directory.server().add("dn: " + ou, "objectClass: organizationalUnit", "ou: " + user);
        directory.server().add("dn: uid=" + user + "," + ou, "objectClass: inetOrgPerson", "uid: " + user,
                "cn: Owner of " + user, "sn: Owner", "mail: " + user + "@corp.test", "userPassword: " + password);
        String connection = server.admin().call("POST", "directory/connections", directory.connection(ou).build().toString())
                .expect(201).json().getString("id");
        JsonObject run = SyncRuns.run(server, connection, "{\"mode\":\"FULL\"}");
        assertEquals(1, run.getInt("created"), run::toString);
    }

    private static int row(Browser browser, String table, String text) {
        List<WebElement> rows = browser.all(By.cssSelector("#" + table.replace(":", "\\:") + " tbody tr"));
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).getText().contains(text)) {
                return i;
            }
        }
        throw new AssertionError("no row with " + text + " in " + table);
    }

    private static void tryToDeactivate(Browser browser, String user, String password) {
        browser.type(By.id("lost:user"), user).type(By.id("lost:password"), password).submit(By.id("lost:deactivate"));
    }
}
