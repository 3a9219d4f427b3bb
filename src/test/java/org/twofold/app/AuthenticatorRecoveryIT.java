package org.twofold.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.twofold.simulator.Appliance;
import org.twofold.simulator.DeviceSimulator;
import org.twofold.simulator.Json;
import org.twofold.testing.ApplianceExtension;
import org.twofold.testing.ApplianceServer;
import org.twofold.testing.Browser;
import org.twofold.testing.BrowserExtension;
import org.twofold.testing.Fixtures;
import org.twofold.testing.PolicyFixtures;

/**
 * Getting the ID back in the web authenticator: restore activation (prompted from the 4th login), restore
 * on a second browser profile with the emailed one-time code, duplication by link confirmed on the old
 * profile, and a forgotten PIN.
 */
@ExtendWith({ApplianceExtension.class, BrowserExtension.class})
class AuthenticatorRecoveryIT {

    private static final String PIN = AuthenticatorAppIT.PIN;
    private static final String NEW_PIN = "730518";
    private static final String RESTORE_CODE = "[0-9A-Z]{4}(-[0-9A-Z]{4}){6}";

    @Test
    void restoreIsOfferedFromTheFourthLoginAndItsCodeIsShownOnce(ApplianceServer server, Browser browser) {
        AuthenticatorApp app = AuthenticatorApp.enrolled(server, browser, "Prompted phone");
        String user = app.user();
        Appliance.RelyingParty vpn = Fixtures.relyingParty(server);
        for (int i = 0; i < 3; i++) {
            app.approve(Fixtures.startLogin(vpn, user));
        }
        assertTrue(browser.all(By.cssSelector("#restore-prompt:not([hidden])")).isEmpty(), "no prompt before the 4th login");
        app.approve(Fixtures.startLogin(vpn, user));
        browser.visible(By.id("restore-prompt"));
        browser.screenshot("restore-prompt");
        browser.click(By.id("restore-prompt-activate"));
        browser.visible(By.id("restore-code-title"));
        assertTrue(browser.visible(By.id("restore-code-done")).getAttribute("disabled") != null,
                "Done waits until the user says the code is kept");
        assertTrue(browser.visible(By.id("restore-code-qr")).getAttribute("src").startsWith("data:image/"));
        browser.screenshot("restore-code-once");
        String code = app.takeRestoreCode();
        assertTrue(code.matches(RESTORE_CODE), code);
        assertTrue(Fixtures.identity(server, user).getJsonObject("restore").getBoolean("active"));

        browser.visible(By.id("home-title"));
        assertTrue(browser.all(By.cssSelector("#restore-prompt:not([hidden])")).isEmpty(), "the prompt is gone");
        assertFalse(browser.pageSource().contains(code), "the code is not on the page any more");
        browser.click(By.cssSelector("button[data-go='restore']"));
        browser.waitForText(By.id("restore-state"), "Restore is on.");
        assertEquals(202, server.client().request("POST", "/api/v1/restore",
                Json.object("user", user, "restoreCode", code)).status(), "the code shown is the identity's code");
    }

    @Test
    void aNewBrowserRestoresTheIdWithTheRestoreCodeAndTheEmailedCode(ApplianceServer server, Browser oldPhone) {
        AuthenticatorApp old = AuthenticatorApp.enrolled(server, oldPhone, "Lost phone");
        String user = old.user();
        String oldDeviceId = AuthenticatorApp.device(server, user, "Lost phone").getString("id");
        PolicyFixtures.forUser(server, user, "\"keepOldDevicesAllowed\":false");
        String code = old.activateRestore();

        try (Browser newPhone = Browser.open(server.baseUrl(),
                "AuthenticatorRecoveryIT.aNewBrowserRestoresTheIdWithTheRestoreCodeAndTheEmailedCode.newPhone")) {
            AuthenticatorApp fresh = new AuthenticatorApp(newPhone).open();
            newPhone.click(By.id("go-restore"));
            fresh.restore(user, code, () -> server.mail().awaitOtp(user + "@corp.test"), "New phone", NEW_PIN, true);
            newPhone.screenshot("new-restore-code");
            String newCode = fresh.takeRestoreCode();
            fresh.awaitNotice("Your other devices were unpaired, as your company’s restore policy requires.");
            assertTrue(newCode.matches(RESTORE_CODE), newCode);
            assertNotEquals(code, newCode, "the restore code is replaced after use");
            fresh.awaitHome();
            newPhone.screenshot("restored");

            JsonObject restored = AuthenticatorApp.device(server, user, "New phone");
            assertEquals("ACTIVE", restored.getString("state"));
            assertEquals("RESTORE", restored.getString("boundVia"));
            assertEquals("UNPAIRED", Fixtures.deviceState(server, user, oldDeviceId), "the policy wipes the old device");

            oldPhone.waitForText(By.id("removed-reason"), "Your ID was restored on another device.");
            oldPhone.screenshot("old-phone-removed-by-restore");
            oldPhone.click(By.id("removed-accept"));
            old.awaitNotice("Your ID now lives on the restored device.");
            old.assertKeyGone();
        }
    }

    @Test
    void aBrowserWipedByARestoreItsOwnerDidNotMakeBlocksTheNewcomer(ApplianceServer server, Browser browser) {
        AuthenticatorApp app = AuthenticatorApp.enrolled(server, browser, "Owner's browser");
        String user = app.user();
        String code = app.activateRestore();
        app.awaitHome();

        DeviceSimulator thief = server.client().newDevice("Thief's phone");
        String restoreId = thief.startRestore(user, code).expect(202).json().getString("restoreId");
        thief.completeRestore(restoreId, server.mail().awaitOtp(user + "@corp.test"), false).expect(201);

        browser.waitForText(By.id("removed-reason"), "Your ID was restored on another device.");
        browser.screenshot("restored-by-someone-else");
        browser.click(By.id("removed-block-button"));
        app.awaitNotice("The device that restored your ID is blocked.");
        assertEquals("BLOCKED", Fixtures.deviceState(server, user, thief.deviceId()));
        app.assertKeyGone();
        browser.screenshot("newcomer-blocked");
    }

    @Test
    void anOldBrowserAddsANewOneByLinkConfirmingTheFingerprintBothShow(ApplianceServer server, Browser oldPhone) {
        AuthenticatorApp old = AuthenticatorApp.enrolled(server, oldPhone, "Old phone");
        String user = old.user();
        oldPhone.click(By.id("go-offer"));
        oldPhone.visible(By.id("offer-qr"));
        String link = oldPhone.visible(By.id("offer-link")).getAttribute("value");
        assertTrue(link.startsWith("twofold://dup?"), link);
        oldPhone.screenshot("offer");

        try (Browser newPhone = Browser.open(server.baseUrl(),
                "AuthenticatorRecoveryIT.anOldBrowserAddsANewOneByLinkConfirmingTheFingerprintBothShow.newPhone")) {
            AuthenticatorApp fresh = new AuthenticatorApp(newPhone).open();
            String fingerprint = fresh.claim(link, "Second phone", NEW_PIN);
            assertFalse(fingerprint.isBlank());
            newPhone.screenshot("fingerprint");

            oldPhone.waitForText(By.cssSelector("#offer-claims .fingerprint"), fingerprint);
            oldPhone.screenshot("confirm-fingerprint");
            oldPhone.click(By.cssSelector("#offer-claims button.confirm"));
            old.awaitNotice("“Second phone” now holds your ID too.");

            fresh.awaitHome();
            assertTrue(newPhone.text(By.id("who")).contains(user), "the new phone knows whose ID it holds");
            newPhone.screenshot("duplicated");
            JsonObject added = AuthenticatorApp.device(server, user, "Second phone");
            assertEquals("ACTIVE", added.getString("state"));
            assertEquals("DUPLICATION_QR", added.getString("boundVia"));
            assertEquals("ACTIVE", AuthenticatorApp.device(server, user, "Old phone").getString("state"));
        }
    }

    @Test
    void theOldBrowserTurnsAwayADeviceItDoesNotKnow(ApplianceServer server, Browser oldPhone) {
        AuthenticatorApp old = AuthenticatorApp.enrolled(server, oldPhone, "Careful phone");
        String user = old.user();
        oldPhone.click(By.id("go-offer"));
        String link = oldPhone.visible(By.id("offer-link")).getAttribute("value");

        try (Browser stranger = Browser.open(server.baseUrl(),
                "AuthenticatorRecoveryIT.theOldBrowserTurnsAwayADeviceItDoesNotKnow.stranger")) {
            new AuthenticatorApp(stranger).open().claim(link, "Stranger's phone", NEW_PIN);

            oldPhone.click(By.cssSelector("#offer-claims button.reject"));
            oldPhone.waitForText(AuthenticatorApp.NOTICE, "“Stranger's phone” was turned away.");
            stranger.waitForText(AuthenticatorApp.NOTICE, "Your other device turned this request away.");
            stranger.screenshot("turned-away");
        }
        assertEquals(1, Fixtures.identity(server, user).getJsonArray("devices").size(), "no device was added");
    }

    @Test
    void aForgottenPinDeletesTheIdHereAndRestoreBringsItBackWithANewPin(ApplianceServer server, Browser browser) {
        AuthenticatorApp app = AuthenticatorApp.enrolled(server, browser, "Forgetful phone");
        String user = app.user();
        String code = app.activateRestore();
        String oldDeviceId = AuthenticatorApp.device(server, user, "Forgetful phone").getString("id");

        app.open();
        browser.click(By.id("forgot-pin"));
        browser.screenshot("forgot-pin");
        browser.click(By.id("forgot-confirm"));
        app.awaitNotice("The ID was deleted from this device.");
        app.assertKeyGone();
        assertEquals(user, browser.visible(By.id("restore-user")).getAttribute("value"));
        // the restore QR's link, as the camera would read it from the printed code
        String restoreLink = "twofold://restore?u=" + user + "&c=" + code;
        app.restore(user, restoreLink, () -> server.mail().awaitOtp(user + "@corp.test"), "Forgetful phone again",
                NEW_PIN, false);
        app.takeRestoreCode();
        app.awaitHome();

        assertEquals("ACTIVE", AuthenticatorApp.device(server, user, "Forgetful phone again").getString("state"));
        assertEquals("UNPAIRED", Fixtures.deviceState(server, user, oldDeviceId), "the stale binding is gone");
        app.open().unlock(NEW_PIN).awaitHome();
    }
}
