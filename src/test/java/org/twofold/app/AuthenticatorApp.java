package org.twofold.app;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import java.util.function.Supplier;

import jakarta.json.JsonObject;

import org.openqa.selenium.By;
import org.twofold.testing.ApplianceServer;
import org.twofold.testing.Browser;
import org.twofold.testing.Fixtures;

/**
 * The web authenticator at /app as a user works it, in one browser profile (one "phone"): the steps the
 * tests share, by the labels and ids the page shows.
 */
final class AuthenticatorApp {

    static final By NOTICE = By.id("notice");

    /** Reads the app's IndexedDB record: what a copied browser profile would give away. */
    private static final String READ_RECORD = """
            const [key, done] = arguments;
            const request = indexedDB.open('twofold-authenticator', 1);
            request.onsuccess = () => {
                const get = request.result.transaction('records').objectStore('records').get(key);
                get.onsuccess = () => { request.result.close(); done(get.result === undefined ? null : get.result); };
                get.onerror = () => done('error: ' + get.error);
            };
            request.onerror = () => done('cannot read IndexedDB: ' + request.error);
            """;

    /**
     * Looks at the stored identity as an attacker with a copy of the profile would: answers which members
     * are usable keys (CryptoKey objects), whether the stored key bytes import as a plain PKCS#8 key, the
     * PBKDF2 parameters, and whether the given PIN (and only it) unwraps them to the registered public key.
     */
    private static final String INSPECT_KEY = """
            const [pin, done] = arguments;
            const read = () => new Promise((resolve, reject) => {
                const request = indexedDB.open('twofold-authenticator', 1);
                request.onsuccess = () => {
                    const get = request.result.transaction('records').objectStore('records').get('identity');
                    get.onsuccess = () => { request.result.close(); resolve(get.result); };
                    get.onerror = () => reject(get.error);
                };
                request.onerror = () => reject(request.error);
            });
            const fromBase64url = text => Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), c => c.charCodeAt(0));
            const curve = { name: 'ECDSA', namedCurve: 'P-256' };
            (async () => {
                const record = await read();
                const keys = [];
                const strings = [];
                (function walk(value, path) {
                    if (value instanceof CryptoKey) {
                        keys.push(path);
                    } else if (typeof value === 'string') {
                        strings.push(path);
                    } else if (value && typeof value === 'object' && !(value instanceof ArrayBuffer) && !ArrayBuffer.isView(value)) {
                        Object.keys(value).forEach(member => walk(value[member], path + '.' + member));
                    }
                })(record, 'identity');
                let plainPkcs8 = true;
                try {
                    await crypto.subtle.importKey('pkcs8', record.wrappedKey.ciphertext, curve, true, ['sign']);
                } catch (e) {
                    plainPkcs8 = false;
                }
                const unwrapWith = async candidate => {
                    const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(candidate), 'PBKDF2', false, ['deriveKey']);
                    const wrapping = await crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt: record.kdf.salt,
                        iterations: record.kdf.iterations }, material, { name: 'AES-GCM', length: 256 }, false, ['unwrapKey']);
                    return crypto.subtle.unwrapKey('pkcs8', record.wrappedKey.ciphertext, wrapping,
                        { name: 'AES-GCM', iv: record.wrappedKey.iv, additionalData: new TextEncoder().encode('twofold device key v1') },
                        curve, true, ['sign']);
                };
                const unwrapped = await crypto.subtle.exportKey('jwk', await unwrapWith(pin));
                const registered = await crypto.subtle.exportKey('jwk',
                    await crypto.subtle.importKey('spki', fromBase64url(record.publicKey), curve, true, ['verify']));
                let otherPinUnwraps = true;
                try {
                    await unwrapWith(pin + '1');
                } catch (e) {
                    otherPinUnwraps = false;
                }
                done({ cryptoKeys: keys, strings: strings.sort(), plainPkcs8, iterations: record.kdf.iterations,
                    saltBytes: record.kdf.salt.byteLength, pinUnwrapsRegisteredKey: unwrapped.x === registered.x
                        && unwrapped.y === registered.y, otherPinUnwraps });
            })().catch(e => done('error: ' + e));
            """;

    private final Browser browser;
    private String user;

    AuthenticatorApp(Browser browser) {
        this.browser = browser;
    }

    /** A new identity enrolled in this browser under the device name, unlocked on its home screen. */
    static AuthenticatorApp enrolled(ApplianceServer server, Browser browser, String deviceName) {
        AuthenticatorApp app = new AuthenticatorApp(browser).open();
        app.user = Fixtures.unique("app");
        return app.enroll(Fixtures.createIdentity(server, app.user), deviceName, AuthenticatorAppIT.PIN).awaitHome();
    }

    /** The user of {@link #enrolled}. */
    String user() {
        return user;
    }

    Browser browser() {
        return browser;
    }

    AuthenticatorApp open() {
        browser.go("app/");
        return this;
    }

    AuthenticatorApp enroll(String activationCode, String deviceName, String pin) {
        browser.click(By.id("go-enroll"));
        browser.type(By.id("enroll-code"), activationCode);
        browser.type(By.id("enroll-device-name"), deviceName);
        browser.type(By.id("enroll-pin"), pin);
        browser.type(By.id("enroll-pin-again"), pin);
        browser.click(By.id("enroll-submit"));
        return this;
    }

    /** Waits for the home screen with its event stream live. */
    AuthenticatorApp awaitHome() {
        browser.visible(By.id("home-title"));
        browser.waitForText(By.id("live"), "Live");
        return this;
    }

    AuthenticatorApp unlock(String pin) {
        browser.type(By.id("unlock-pin"), pin);
        browser.click(By.id("unlock-submit"));
        return this;
    }

    AuthenticatorApp awaitNotice(String text) {
        browser.waitForText(NOTICE, text);
        return this;
    }

    String notice() {
        return browser.text(NOTICE);
    }

    By login(String sessionId) {
        return By.id("login-" + sessionId);
    }

    /** Approves a login the app shows, by the number its login page shows. */
    AuthenticatorApp approve(Fixtures.Login login) {
        browser.visible(login(login.id()));
        pick(login.id(), login.displayNumber());
        browser.waitUntilGone(login(login.id()));
        return this;
    }

    /** On the restore-code screen: reads the code shown once, confirms it is kept, and leaves. */
    String takeRestoreCode() {
        String code = browser.text(By.id("restore-code-value"));
        browser.click(By.id("restore-code-saved"));
        browser.click(By.id("restore-code-done"));
        return code;
    }

    /** "Restore code" in the menu, then switching restore on; answers the code shown once. */
    String activateRestore() {
        browser.click(By.cssSelector("button[data-go='restore']"));
        browser.click(By.id("restore-activate"));
        browser.visible(By.id("restore-code-title"));
        browser.screenshot("restore-code");
        return takeRestoreCode();
    }

    /**
     * The restore steps on a device without the ID, from the user and code to the new PIN; {@code keepOthers}
     * ticks "Keep my other devices" (otherwise it stays as the app set it).
     */
    AuthenticatorApp restore(String user, String restoreCode, Supplier<String> otp, String deviceName, String pin,
                             boolean keepOthers) {
        browser.type(By.id("restore-user"), user);
        browser.type(By.id("restore-code"), restoreCode);
        browser.click(By.id("restore-start-submit"));
        browser.visible(By.id("restore-finish-title"));
        browser.screenshot("restore-otp");
        browser.type(By.id("restore-otp"), otp.get());
        browser.type(By.id("restore-device-name"), deviceName);
        if (keepOthers && !browser.visible(By.id("restore-keep")).isSelected()) {
            browser.click(By.id("restore-keep"));
        }
        browser.type(By.id("restore-pin"), pin);
        browser.type(By.id("restore-pin-again"), pin);
        browser.click(By.id("restore-finish-submit"));
        browser.visible(By.id("restore-code-title"));
        return this;
    }

    /** "Copy my ID from my other device" with the other device's link; answers the fingerprint shown. */
    String claim(String link, String deviceName, String pin) {
        browser.click(By.id("go-claim"));
        browser.type(By.id("claim-link"), link);
        browser.type(By.id("claim-device-name"), deviceName);
        browser.type(By.id("claim-pin"), pin);
        browser.type(By.id("claim-pin-again"), pin);
        browser.click(By.id("claim-submit"));
        return browser.text(By.id("claim-fingerprint"));
    }

    /** Taps one of the numbers a pending login offers. */
    AuthenticatorApp pick(String sessionId, String number) {
        browser.click(By.xpath("//li[@id='login-" + sessionId + "']//button[normalize-space()='" + number + "']"));
        return this;
    }

    Map<String, Object> inspectStoredKey(String pin) {
        return pageAnswer(INSPECT_KEY, pin);
    }

    /** The stored record under {@code key} ("identity", "pin-throttle"), as WebDriver hands over JS values. */
    Map<String, Object> record(String key) {
        return pageAnswer(READ_RECORD, key);
    }

    /** The browser keeps nothing of the ID any more: a removed device must delete its key. */
    void assertKeyGone() {
        assertNull(record("identity"), "the key is gone from the browser");
    }

    /** The scripts above answer an object, or a text saying what failed. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> pageAnswer(String script, Object argument) {
        Object answer = browser.executeAsync(script, argument);
        if (answer instanceof String error) {
            throw new AssertionError(error);
        }
        return (Map<String, Object>) answer;
    }

    /** The identity's device of that name, as the admin API lists it. */
    static JsonObject device(ApplianceServer server, String user, String name) {
        return Fixtures.identity(server, user).getJsonArray("devices").getValuesAs(JsonObject.class).stream()
                .filter(device -> device.getString("name").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no device " + name + " for " + user));
    }
}
