package org.twofold.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twofold.testing.Problems.assertProblem;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.json.Json;
import jakarta.json.JsonObject;

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
import org.twofold.testing.Pdfs;
import org.twofold.testing.PolicyFixtures;

/**
 * The helpdesk delivers re-issued restore codes on the dashboard: a letter goes into a batch whose PDF
 * downloads and is then confirmed printed; a code for a caller is shown once, and a handout at the desk
 * prints once, each only after the operator recorded how they checked the person.
 */
@ExtendWith({ApplianceExtension.class, BrowserExtension.class})
class DeliveryPageIT {

    private static final Pattern CODE = Pattern.compile("[0-9A-Z]{4}(?:-[0-9A-Z]{4}){6}");

    @Test
    void aReissuedLetterIsBatchedDownloadedAndConfirmedPrinted(ApplianceServer server, Browser browser) throws Exception {
        String user = userAllowedToReissue(server, "POSTAL_LETTER");
        DashboardOperators helpdesk = DashboardOperators.create(server, "HELPDESK");
        reissue(server, helpdesk, user, "POSTAL_LETTER");

        browser.signIn(helpdesk.name(), helpdesk.password()).go("admin/delivery.xhtml");
        assertTrue(browser.text(By.id("delivery:letters")).contains(user), "the letter waits");
        browser.screenshot("waiting");
        browser.click(By.id("delivery:createBatch"));
        browser.waitForText(By.id("messages"), "Batch created");
        assertFalse(browser.text(By.id("delivery:letters")).contains(user), "the letter left the queue for the batch");
        JsonObject batch = server.admin().call("GET", "letters/batches", null).expect(200).array()
                .getValuesAs(JsonObject.class).get(0);
        assertTrue(browser.text(By.cssSelector("#delivery\\:batches tbody tr:nth-child(1)")).contains("not yet"));

        browser.click(By.id("delivery:batches:0:pdf"));
        Path downloaded = browser.awaitDownload();
        byte[] pdf = Files.readAllBytes(downloaded);
        assertEquals("%PDF", new String(Arrays.copyOf(pdf, 4), StandardCharsets.US_ASCII), downloaded.toString());
        Pdfs.Read letters = Pdfs.read(pdf);
        assertEquals(batch.getInt("letters"), letters.pages(), "one page per letter");
        String letter = letters.pageTexts().stream().filter(page -> page.contains(user)).findFirst()
                .orElseThrow(() -> new AssertionError("no letter for " + user + " in the batch"));
        assertTrue(letter.contains("Main Street 1") && CODE.matcher(letter).find(), letter);
        browser.screenshot("batch");

        browser.clickConfirmed(By.id("delivery:batches:0:printed"));
        browser.waitForText(By.id("messages"), "confirmed printed");
        assertTrue(browser.text(By.cssSelector("#delivery\\:batches tbody tr:nth-child(1)")).contains(helpdesk.name()),
                "printed by whom");
        assertEquals(List.of(), browser.all(By.id("delivery:batches:0:pdf")), "a printed batch cannot be downloaded again");
        browser.screenshot("printed");

        assertTrue(server.admin().call("GET", "letters", null).expect(200).array().getValuesAs(JsonObject.class).stream()
                .noneMatch(waiting -> waiting.getString("user").equals(user)), "nothing waits for the user any more");
        assertProblem(server.admin().call("GET", "letters/batches/" + batch.getString("id") + "/pdf", null),
                409, "batch-printed");
    }

    @Test
    void aCodeForACallerIsShownOnceAfterTheVerificationIsRecorded(ApplianceServer server, Browser browser) {
        String user = userAllowedToReissue(server, "PHONE");
        DashboardOperators helpdesk = DashboardOperators.create(server, "HELPDESK");
        String deliveryId = reissue(server, helpdesk, user, "PHONE");

        browser.signIn(helpdesk.name(), helpdesk.password()).go("admin/delivery.xhtml");
        int row = row(browser, "phone", user);
        browser.clickConfirmed(By.id("delivery:phone:" + row + ":reveal"));
        browser.waitForText(By.id("messages"), "Record how you verified the caller");
        assertEquals(List.of(), browser.all(By.id("revealedCode")), "no code without the verification");

        browser.type(By.id("delivery:phone:" + row + ":callerVerification"), "called back on the directory number");
        browser.scrollTo(By.id("delivery:phone")).screenshot("call");
        browser.clickConfirmed(By.id("delivery:phone:" + row + ":reveal"));
        String code = browser.text(By.id("revealedCode"));
        assertTrue(CODE.matcher(code).matches(), code);
        assertFalse(browser.text(By.id("delivery:phone")).contains(user), "the call is done");
        browser.scrollTo(By.id("delivery:revealed")).screenshot("revealed");

        assertProblem(server.client().operator(helpdesk.name(), helpdesk.password()).call("POST",
                "restore-code-deliveries/" + deliveryId + "/reveal", "{\"callerVerification\":\"again\"}"), 409, "delivery-closed");
        browser.click(By.id("delivery:hideCode")).waitUntilGone(By.id("revealedCode"));
        Appliance newPhone = server.client().from(Fixtures.uniqueAddress());
        newPhone.newDevice("new phone").startRestore(user, code).expect(202);
    }

    @Test
    void aHandoutAtTheDeskPrintsOnceAfterTheIdentityCheckIsRecorded(ApplianceServer server, Browser browser) throws Exception {
        String user = userAllowedToReissue(server, "IN_PERSON");
        DashboardOperators helpdesk = DashboardOperators.create(server, "HELPDESK");
        String deliveryId = reissue(server, helpdesk, user, "IN_PERSON");

        browser.signIn(helpdesk.name(), helpdesk.password()).go("admin/delivery.xhtml");
        int row = row(browser, "inPerson", user);
        browser.type(By.id("delivery:inPerson:" + row + ":identityCheck"), "ID card checked at the desk");
        browser.click(By.id("delivery:inPerson:" + row + ":handout"));
        Pdfs.Read handout = Pdfs.read(Files.readAllBytes(browser.awaitDownload()));
        assertTrue(handout.text().contains(user) && CODE.matcher(handout.text()).find(), handout.text());

        assertProblem(server.client().operator(helpdesk.name(), helpdesk.password()).call("POST",
                "restore-code-deliveries/" + deliveryId + "/handout", "{\"identityCheck\":\"again\"}"), 409, "delivery-closed");
        browser.go("admin/delivery.xhtml");
        assertFalse(browser.text(By.id("delivery:inPerson")).contains(user), "handed out once");
    }

    /**
     * A user with an address and a phone who activated restore and lost the code, and whose policy lets the
     * helpdesk re-issue it through this channel.
     */
    private static String userAllowedToReissue(ApplianceServer server, String channel) {
        String user = Fixtures.unique("dlv");
        String activationCode = server.admin().call("POST", "identities", Json.createObjectBuilder().add("user", user)
                .add("email", user + "@corp.test").add("displayName", "Jane " + user)
                .add("postalAddress", Json.createArrayBuilder(List.of("Jane " + user, "Main Street 1", "8000 Zurich")))
                .build().toString()).expect(201).json().getString("activationCode");
        DeviceSimulator phone = server.client().from(Fixtures.uniqueAddress()).newDevice("phone");
        phone.enroll(activationCode).expect(201);
        phone.activateRestore().expect(201);
        PolicyFixtures.forUser(server, user, "\"lostCodeReissueChannels\":[\"" + channel + "\"]");
        return user;
    }

    private static String reissue(ApplianceServer server, DashboardOperators operator, String user, String channel) {
        return server.client().operator(operator.name(), operator.password())
                .call("POST", "identities/" + user + "/restore-code", "{\"channel\":\"" + channel + "\"}")
                .expect(201).json().getString("deliveryId");
    }

    /** The row of the user in one of the helpdesk's tables (inPerson, phone). */
    private static int row(Browser browser, String table, String user) {
        List<WebElement> rows = browser.all(By.cssSelector("#delivery\\:" + table + " tbody tr"));
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).getText().contains(user)) {
                return i;
            }
        }
        throw new AssertionError("nothing waits for " + user + " in " + table);
    }
}
