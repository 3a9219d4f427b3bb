package org.twofold.app;

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

/**
 * The ID's devices as the web authenticator shows them: block a device addition from its notification,
 * unpair another device and this one from the list, and a device removed elsewhere wipes its key and says why.
 */
@ExtendWith({ApplianceExtension.class, BrowserExtension.class})
class AuthenticatorDevicesIT {

    private static final String PIN = AuthenticatorAppIT.PIN;

    @Test
    void blocksAnUnknownDeviceFromItsNotificationAndUnpairsDevicesFromTheList(ApplianceServer server, Browser browser) {
        browser.resize(390, 844);
        AuthenticatorApp app = AuthenticatorApp.enrolled(server, browser, "My browser");
        String user = app.user();
        browser.screenshot("home-phone-size");

        DeviceSimulator intruder = Fixtures.anotherDevice(server, user, "Unknown phone");
        DeviceSimulator tablet = Fixtures.anotherDevice(server, user, "Old tablet");
        browser.click(By.cssSelector("button[data-go='activity']"));
        By intruderNotice = By.xpath("//li[contains(@class,'notification')][.//h2[contains(.,'Unknown phone')]]");
        browser.waitForText(intruderNotice, "A device was added");
        browser.screenshot("activity");
        browser.click(By.xpath("//li[contains(@class,'notification')][.//h2[contains(.,'Unknown phone')]]//button[contains(@class,'block')]"));
        app.awaitNotice("“Unknown phone” is blocked");
        assertEquals("BLOCKED", Fixtures.deviceState(server, user, intruder.deviceId()));

        browser.click(By.cssSelector("#screen-activity button.back"));
        browser.click(By.cssSelector("button[data-go='devices']"));
        browser.waitForText(By.id("device-list"), "Old tablet");
        List<String> listed = browser.all(By.cssSelector("#device-list h2")).stream().map(WebElement::getText).toList();
        assertEquals(List.of("My browser (this device)", "Unknown phone", "Old tablet"), listed);
        assertTrue(browser.text(deviceCard(intruder.deviceId())).contains("Blocked"));
        browser.screenshot("devices");
        browser.click(By.cssSelector(cardSelector(tablet.deviceId()) + " button.unpair"));
        browser.click(By.cssSelector(cardSelector(tablet.deviceId()) + " button.unpair-yes"));
        app.awaitNotice("“Old tablet” is unpaired.");
        assertEquals("UNPAIRED", Fixtures.deviceState(server, user, tablet.deviceId()));

        String own = AuthenticatorApp.device(server, user, "My browser").getString("id");
        browser.click(By.cssSelector(cardSelector(own) + " button.unpair"));
        browser.click(By.cssSelector(cardSelector(own) + " button.unpair-yes"));
        browser.waitForText(By.id("removed-reason"), "You unpaired this device.");
        assertEquals("UNPAIRED", Fixtures.deviceState(server, user, own));
        app.assertKeyGone();
    }

    @Test
    void aDeviceUnpairedElsewhereWipesItsKeyAndSaysWhy(ApplianceServer server, Browser browser) {
        AuthenticatorApp app = AuthenticatorApp.enrolled(server, browser, "Stolen browser");
        String user = app.user();
        String deviceId = AuthenticatorApp.device(server, user, "Stolen browser").getString("id");

        server.admin().call("DELETE", "devices/" + deviceId, null).expect(204);

        browser.waitForText(By.id("removed-reason"), "This device was unpaired");
        browser.screenshot("removed");
        app.assertKeyGone();
        app.open();
        browser.visible(By.id("welcome-title"));
    }

    @Test
    void aDeviceTheOwnerBlocksFromAnotherPhoneSaysItWasBlockedAndForgetsItsKey(ApplianceServer server, Browser browser) {
        String user = Fixtures.unique("app");
        DeviceSimulator phone = Fixtures.enrolledUser(server, user);
        String code = server.admin().call("POST", "identities/" + user + "/activation-codes", "{}").expect(201).json()
                .getString("activationCode");
        AuthenticatorApp app = new AuthenticatorApp(browser).open();
        app.enroll(code, "Unknown browser", PIN).awaitHome();
        String added = phone.inbox().expect(200).json().getJsonArray("notifications")
                .getValuesAs(JsonObject.class).stream()
                .filter(notification -> notification.getString("type").equals("DEVICE_ADDED")
                        && notification.getString("deviceName").equals("Unknown browser"))
                .findFirst().orElseThrow().getString("id");

        phone.block(added).expect(200);

        browser.waitForText(By.id("removed-reason"), "This device was blocked");
        browser.screenshot("blocked");
        app.assertKeyGone();
    }

    private static String cardSelector(String deviceId) {
        return "#device-list li[data-device-id='" + deviceId + "']";
    }

    private static By deviceCard(String deviceId) {
        return By.cssSelector(cardSelector(deviceId));
    }
}
