package org.twofold.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.twofold.platform.control.QrImage;
import org.twofold.simulator.Appliance;
import org.twofold.testing.ApplianceExtension;
import org.twofold.testing.ApplianceServer;
import org.twofold.testing.Browser;
import org.twofold.testing.BrowserExtension;
import org.twofold.testing.Fixtures;

/**
 * The web authenticator (/app) in a real headless Chromium against the appliance: enrollment with a typed
 * activation code and a PIN that wraps the key, and logins approved by number matching.
 */
@ExtendWith({ApplianceExtension.class, BrowserExtension.class})
class AuthenticatorAppIT {

    static final String PIN = "482913";

    @Test
    void enrollsWithATypedCodeAndKeepsTheKeyOnlyWrappedUnderThePin(ApplianceServer server, Browser browser) {
        String user = Fixtures.unique("app");
        String code = Fixtures.createIdentity(server, user);
        AuthenticatorApp app = new AuthenticatorApp(browser).open();
        browser.visible(By.id("welcome-title"));
        browser.screenshot("welcome");
        browser.click(By.id("go-enroll"));
        browser.type(By.id("enroll-code"), code);
        browser.type(By.id("enroll-pin"), "1234");
        browser.type(By.id("enroll-pin-again"), "1234");
        browser.click(By.id("enroll-submit"));
        app.awaitNotice("The PIN must be at least 6 digits.");
        browser.screenshot("pin-too-short");
        browser.go("app/");
        app.enroll(code, "Browser phone", PIN).awaitHome();
        browser.screenshot("enrolled");

        List<JsonObject> devices = Fixtures.identity(server, user).getJsonArray("devices").getValuesAs(JsonObject.class);
        assertEquals(1, devices.size(), devices::toString);
        assertEquals("Browser phone", devices.get(0).getString("name"));
        assertEquals("ACTIVE", devices.get(0).getString("state"));
        assertEquals("web", devices.get(0).getString("platform"));
        assertTrue(browser.text(By.id("who")).contains(user));

        Map<String, Object> stored = app.inspectStoredKey(PIN);
        assertEquals(List.of(), stored.get("cryptoKeys"), "no usable key object is stored");
        assertFalse((Boolean) stored.get("plainPkcs8"), "the stored key bytes are not a plain private key");
        assertEquals(List.of("identity.boundAt", "identity.deviceId", "identity.deviceName", "identity.kdf.hash",
                "identity.kdf.name", "identity.publicKey", "identity.user"), stored.get("strings"),
                "no text member holds the token or the key");
        assertTrue(((Number) stored.get("iterations")).longValue() >= 600_000, stored::toString);
        assertEquals(16L, ((Number) stored.get("saltBytes")).longValue());
        assertTrue((Boolean) stored.get("pinUnwrapsRegisteredKey"), "the PIN unwraps the key the appliance knows");
        assertFalse((Boolean) stored.get("otherPinUnwraps"), "another PIN unwraps nothing");
    }

    @Test
    void enrollsByScanningTheActivationQrWithTheCamera(ApplianceServer server) throws IOException {
        String user = Fixtures.unique("app");
        String link = server.admin().createIdentity(user, user + "@corp.test").expect(201).json().getString("activationLink");
        Path film = Files.createTempFile("activation-qr", ".mjpeg");
        try (Browser phone = Browser.openWithCamera(server.baseUrl(),
                "AuthenticatorAppIT.enrollsByScanningTheActivationQrWithTheCamera", cameraFilming(link, film))) {
            AuthenticatorApp app = new AuthenticatorApp(phone).open();
            phone.click(By.id("go-enroll"));
            phone.click(By.cssSelector("#enroll-form button.scan"));
            phone.waitUntilGone(By.id("scanner-video"));
            assertEquals(link, phone.visible(By.id("enroll-code")).getAttribute("value"), "the camera read the QR code");
            // Chromium on Linux has no BarcodeDetector: there it is the bundled jsQR that read the code
            assertEquals("function", phone.executeAsync(
                    "arguments[0]('BarcodeDetector' in window ? 'function' : typeof self.jsQR)"));
            phone.screenshot("scanned");
            phone.type(By.id("enroll-pin"), PIN);
            phone.type(By.id("enroll-pin-again"), PIN);
            phone.click(By.id("enroll-submit"));
            app.awaitHome();
            phone.screenshot("enrolled");
        } finally {
            Files.delete(film);
        }
        assertEquals(1, Fixtures.identity(server, user).getJsonArray("devices").size());
    }

    /** A camera film (MJPEG: JPEG frames one after the other) of the QR code on a sheet of paper. */
    private static Path cameraFilming(String content, Path film) throws IOException {
        BufferedImage qr = ImageIO.read(new ByteArrayInputStream(QrImage.png(content)));
        BufferedImage frame = new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB);
        Graphics2D paper = frame.createGraphics();
        paper.setColor(Color.WHITE);
        paper.fillRect(0, 0, frame.getWidth(), frame.getHeight());
        int side = 400;
        paper.drawImage(qr, (frame.getWidth() - side) / 2, (frame.getHeight() - side) / 2, side, side, null);
        paper.dispose();
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(frame, "jpg", jpeg);
        try (OutputStream out = Files.newOutputStream(film)) {
            for (int i = 0; i < 30; i++) {
                out.write(jpeg.toByteArray());
            }
        }
        return film;
    }

    @Test
    void enrollsWithAPastedActivationLinkButNotWithALinkOfAnotherAppliance(ApplianceServer server, Browser browser) {
        String user = Fixtures.unique("app");
        String link = server.admin().createIdentity(user, user + "@corp.test").expect(201).json().getString("activationLink");
        assertTrue(link.startsWith("twofold://enroll?"), link);
        AuthenticatorApp app = new AuthenticatorApp(browser).open();
        String elsewhere = link.replaceFirst("h=[^&]*", "h=https%3A%2F%2F2fa.other.test");
        app.enroll(elsewhere, "Linked browser", PIN).awaitNotice("This code belongs to the appliance at https://2fa.other.test");
        browser.screenshot("other-appliance");
        app.open().enroll(link, "Linked browser", PIN).awaitHome();
        assertEquals("ACTIVE", AuthenticatorApp.device(server, user, "Linked browser").getString("state"));
    }

    @Test
    void wrongPinsAreRefusedWithAGrowingWaitThatSurvivesAReload(ApplianceServer server, Browser browser) {
        AuthenticatorApp app = AuthenticatorApp.enrolled(server, browser, "PIN phone");

        app.open();
        browser.visible(By.id("unlock-title"));
        app.unlock("000000").awaitNotice("Wrong PIN. Try again.");
        app.unlock("000001").awaitNotice("Wrong PIN. Try again.");
        app.unlock("000002").awaitNotice("Wrong PIN. Try again in 2 s.");
        assertFalse(browser.visible(By.id("unlock-submit")).isEnabled(), "Unlock waits out the pause");
        browser.screenshot("wrong-pin-wait");
        app.open();
        browser.visible(By.id("unlock-title"));
        app.unlock(PIN).awaitNotice("Too many wrong PINs. Try again in");
        assertEquals(3L, ((Number) app.record("pin-throttle").get("failures")).longValue(),
                "the count is kept in the browser's storage, across a reload");
        browser.screenshot("throttled");

        app.unlock(PIN).awaitHome();
        assertEquals(0L, ((Number) app.record("pin-throttle").get("failures")).longValue());
    }

    @Test
    void approvesALoginByTheRightNumberLiveAndTheWrongNumberDeniesIt(ApplianceServer server, Browser browser) {
        AuthenticatorApp app = AuthenticatorApp.enrolled(server, browser, "Login phone");
        String user = app.user();
        Appliance.RelyingParty vpn = Fixtures.relyingParty(server);

        Fixtures.Login login = Fixtures.startLogin(vpn, user);
        browser.waitForText(app.login(login.id()), "VPN login from 10.1.2.3");
        List<String> shown = browser.all(By.cssSelector("#login-" + login.id() + " .numbers button")).stream()
                .map(button -> button.getText()).toList();
        assertEquals(3, shown.size(), shown::toString);
        assertTrue(shown.contains(login.displayNumber()), shown::toString);
        browser.screenshot("login-waiting");
        app.pick(login.id(), login.displayNumber()).awaitNotice("approved");
        browser.waitUntilGone(app.login(login.id()));
        assertEquals("APPROVED", Fixtures.loginStatus(vpn, login.id()));
        browser.screenshot("approved");

        Fixtures.Login second = Fixtures.startLogin(vpn, user);
        browser.visible(app.login(second.id()));
        String wrong = browser.all(By.cssSelector("#login-" + second.id() + " .numbers button")).stream()
                .map(button -> button.getText()).filter(number -> !number.equals(second.displayNumber()))
                .findFirst().orElseThrow();
        app.pick(second.id(), wrong).awaitNotice("is not the number the login page showed");
        assertEquals("DENIED", Fixtures.loginStatus(vpn, second.id()));
        browser.screenshot("wrong-number-denied");

        Fixtures.Login third = Fixtures.startLogin(vpn, user);
        browser.click(By.cssSelector("#login-" + third.id() + " button.deny"));
        browser.waitUntilGone(app.login(third.id()));
        assertTrue(app.notice().endsWith("denied."), app::notice);
        assertEquals("DENIED", Fixtures.loginStatus(vpn, third.id()));
    }
}
