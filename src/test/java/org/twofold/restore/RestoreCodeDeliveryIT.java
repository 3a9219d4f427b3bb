package org.twofold.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twofold.restore.RestoreFixtures.audit;
import static org.twofold.testing.Problems.assertProblem;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twofold.simulator.Answer;
import org.twofold.simulator.Appliance;
import org.twofold.simulator.DeviceSimulator;
import org.twofold.testing.ApplianceExtension;
import org.twofold.testing.ApplianceServer;
import org.twofold.testing.Concurrently;
import org.twofold.testing.Fixtures;
import org.twofold.testing.Pdfs;
import org.twofold.testing.PolicyFixtures;
import org.twofold.testing.TestMailServer;

/**
 * Restore codes go out through the channel the user's policy names — mailed, posted as a printed letter,
 * handed out or read out by the helpdesk — and each such code restores; a code waiting for delivery dies
 * when a newer one is issued, and a held code is shown exactly once.
 */
@ExtendWith(ApplianceExtension.class)
class RestoreCodeDeliveryIT {

    static final Pattern CODE = Pattern.compile("[0-9A-Z]{4}(?:-[0-9A-Z]{4}){6}");

    private ApplianceServer server;
    private Appliance appliance;
    private String user;

    @BeforeEach
    void setUp(ApplianceServer server) {
        this.server = server;
        appliance = server.client().from(Fixtures.uniqueAddress());
        user = Fixtures.unique("deliver");
    }

    private DeviceSimulator enrolledWithAddress(String... addressLines) {
        String activation = server.admin().call("POST", "identities", Json.createObjectBuilder().add("user", user)
                        .add("email", RestoreFixtures.email(user)).add("displayName", "Jane " + user)
                        .add("postalAddress", Json.createArrayBuilder(List.of(addressLines))).build().toString())
                .expect(201).json().getString("activationCode");
        DeviceSimulator phone = appliance.newDevice("phone");
        phone.enroll(activation).expect(201);
        return phone;
    }

    /** Restores with this code from a new phone and answers the completed restore. */
    private JsonObject restoreWith(String code) {
        int mailsBefore = RestoreFixtures.otpMails(server, user).size();
        DeviceSimulator newPhone = appliance.newDevice("new phone");
        String restoreId = RestoreFixtures.start(newPhone, user, code);
        String otp = RestoreFixtures.awaitOtp(server, user, mailsBefore + 1);
        return newPhone.completeRestore(restoreId, otp, false).expect(201).json();
    }

    private static String codeIn(String text) {
        Matcher matcher = CODE.matcher(text);
        assertTrue(matcher.find(), () -> "no restore code in: " + text);
        return matcher.group();
    }

    private JsonObject waiting(String path) {
        return server.admin().call("GET", path, null).expect(200).array().getValuesAs(JsonObject.class).stream()
                .filter(d -> d.getString("user").equals(user)).findFirst()
                .orElseThrow(() -> new AssertionError("nothing waiting for " + user + " in " + path));
    }

    @Test
    void aMailedCodeArrivesOnlyByMailAndRestores() {
        PolicyFixtures.forUser(server, user, "\"restoreCodeDelivery\":\"EMAIL\"");
        DeviceSimulator phone = Fixtures.enrolledUser(server, user);

        JsonObject activation = phone.activateRestore().expect(201).json();

        assertEquals("EMAIL", activation.getString("delivery"));
        assertTrue(activation.isNull("code") && activation.isNull("link"), "nothing shown on the device: " + activation);
        String mailed = codeIn(TestMailServer.bodyOf(server.mail().awaitMail(RestoreFixtures.email(user),
                "restore code", Duration.ofSeconds(20))));

        JsonObject restored = restoreWith(mailed);
        assertTrue(restored.getJsonObject("restore").isNull("code"), "the replacing code is mailed too");
        assertEquals("EMAIL", restored.getJsonObject("restore").getString("delivery"));
    }

    @Test
    void aLetterIsQueuedPrintedInABatchWithItsQrAndRestores() {
        PolicyFixtures.forUser(server, user, "\"restoreCodeDelivery\":\"POSTAL_LETTER\"");
        DeviceSimulator phone = enrolledWithAddress("Jane Doe", "Main Street 1", "12345 Springfield");

        JsonObject activation = phone.activateRestore().expect(201).json();
        assertEquals("POSTAL_LETTER", activation.getString("delivery"));
        assertTrue(activation.isNull("code"));
        assertEquals("PENDING", waiting("letters").getString("state"));

        JsonObject batch = server.admin().call("POST", "letters/batches", null).expect(201).json();
        byte[] pdf = server.admin().download("GET", "letters/batches/" + batch.getString("id") + "/pdf", null)
                .expect(200, "application/pdf").bytes();
        Pdfs.Read letters = Pdfs.read(pdf);
        int page = pageOf(letters, user);
        String text = letters.pageTexts().get(page);
        assertTrue(text.contains("Main Street 1") && text.contains("12345 Springfield") && text.contains("Jane " + user), text);
        String code = codeIn(text);
        assertEquals("twofold://restore?u=" + user + "&c=" + code, letters.qrCodes().get(page), "the QR fills step one");

        server.admin().call("POST", "letters/batches/" + batch.getString("id") + "/printed", null).expect(200);
        assertProblem(server.admin().download("GET", "letters/batches/" + batch.getString("id") + "/pdf", null).answer(),
                409, "batch-printed");
        assertEquals(1, audit(server, "identity:" + user, "restore-code.letter-printed").size());

        restoreWith(code);
    }

    @Test
    void aMissingAddressRefusesANewLetterButNeverStopsARestore() {
        DeviceSimulator phone = Fixtures.enrolledUser(server, user);
        String code = RestoreFixtures.activateRestore(phone);
        PolicyFixtures.forUser(server, user, "\"restoreCodeDelivery\":\"POSTAL_LETTER\"");

        assertProblem(phone.activateRestore(), 409, "no-postal-address");

        JsonObject restored = restoreWith(code.replace("-", " ").toLowerCase());
        assertFalse(restored.getJsonObject("restore").getBoolean("active"), "no letter can be addressed: restore is off");
        assertEquals("POSTAL_LETTER", restored.getJsonObject("restore").getString("delivery"));
        assertProblem(appliance.newDevice("again").startRestore(user, code), 400, "invalid-restore-credentials");
        String detail = audit(server, RestoreFixtures.deviceTarget(restored.getString("deviceId"), user), "restore.complete")
                .get(0).getString("detail");
        assertTrue(detail.contains("NO new restore code"), detail);
    }

    @Test
    void aNewerCodeDestroysALetterStillWaiting() {
        PolicyFixtures.forUser(server, user, "\"restoreCodeDelivery\":\"POSTAL_LETTER\"");
        DeviceSimulator phone = enrolledWithAddress("Main Street 1", "12345 Springfield");
        phone.activateRestore().expect(201);
        String first = waiting("letters").getString("id");

        phone.activateRestore().expect(201);

        String second = waiting("letters").getString("id");
        assertNotEquals(first, second);
        assertEquals(1, server.admin().call("GET", "letters", null).expect(200).array().getValuesAs(JsonObject.class).stream()
                .filter(d -> d.getString("user").equals(user)).count(), "only the newest letter waits");
    }

    @Test
    void anInPersonHandoutIsPrintedOnceAfterTheIdentityCheckAndRestores() {
        PolicyFixtures.forUser(server, user, "\"restoreCodeDelivery\":\"IN_PERSON\"");
        DeviceSimulator phone = Fixtures.enrolledUser(server, user);
        assertEquals("IN_PERSON", phone.activateRestore().expect(201).json().getString("delivery"));
        String deliveryId = waiting("restore-code-deliveries?channel=IN_PERSON").getString("id");
        String path = "restore-code-deliveries/" + deliveryId + "/handout";

        assertProblem(server.admin().download("POST", path, "{}").answer(), 400, "invalid-request");
        Pdfs.Read handout = Pdfs.read(server.admin().download("POST", path, "{\"identityCheck\":\"ID card 12345 checked at the desk\"}")
                .expect(200, "application/pdf").bytes());
        assertProblem(server.admin().download("POST", path, "{\"identityCheck\":\"again\"}").answer(), 409, "delivery-closed");

        String code = codeIn(handout.text());
        assertEquals("twofold://restore?u=" + user + "&c=" + code, handout.qrCodes().get(0));
        assertTrue(audit(server, "identity:" + user, "restore-code.handed-out").get(0).getString("detail")
                .contains("ID card 12345 checked at the desk"));
        restoreWith(code);
    }

    @Test
    void aPhoneCodeIsRevealedOnceEvenToOperatorsClickingAtTheSameMoment() {
        PolicyFixtures.forUser(server, user, "\"restoreCodeDelivery\":\"PHONE\"");
        DeviceSimulator phone = Fixtures.enrolledUser(server, user);
        phone.activateRestore().expect(201);
        String deliveryId = waiting("restore-code-deliveries?channel=PHONE").getString("id");

        List<Answer> answers = Concurrently.run(8, i -> server.admin().call("POST",
                "restore-code-deliveries/" + deliveryId + "/reveal", "{\"callerVerification\":\"called back on the directory number\"}"));

        List<Answer> shown = answers.stream().filter(a -> a.status() == 200).toList();
        assertEquals(1, shown.size(), answers::toString);
        answers.stream().filter(a -> a.status() != 200).forEach(a -> assertProblem(a, 409, "delivery-closed"));
        JsonObject revealed = shown.get(0).json();
        assertEquals("no-store", shown.get(0).header("Cache-Control"));
        restoreWith(revealed.getString("code"));
    }

    @Test
    void autoActivationShowsTheCodeOnTheFirstDevice() {
        PolicyFixtures.forUser(server, user, "\"autoActivateForNewUsers\":true");
        DeviceSimulator phone = appliance.newDevice("phone");

        JsonObject enrolled = phone.enroll(Fixtures.createIdentity(server, user)).expect(201).json();

        JsonObject restore = enrolled.getJsonObject("restore");
        assertTrue(restore.getBoolean("active"));
        assertEquals("DEVICE_DISPLAY", restore.getString("delivery"));
        restoreWith(restore.getString("code"));
    }

    @Test
    void autoActivationMailsTheCodeWhenPolicySaysEmail() {
        PolicyFixtures.forUser(server, user, "\"autoActivateForNewUsers\":true,\"restoreCodeDelivery\":\"EMAIL\"");

        JsonObject enrolled = appliance.newDevice("phone").enroll(Fixtures.createIdentity(server, user)).expect(201).json();

        assertTrue(enrolled.getJsonObject("restore").getBoolean("active"));
        assertTrue(enrolled.getJsonObject("restore").isNull("code"));
        restoreWith(codeIn(TestMailServer.bodyOf(server.mail().awaitMail(RestoreFixtures.email(user), "restore code",
                Duration.ofSeconds(20)))));
    }

    @Test
    void autoActivationWithoutAnAddressEnrollsWithoutRestoreAndTellsTheAudit() {
        PolicyFixtures.forUser(server, user, "\"autoActivateForNewUsers\":true,\"restoreCodeDelivery\":\"POSTAL_LETTER\"");

        JsonObject enrolled = appliance.newDevice("phone").enroll(Fixtures.createIdentity(server, user)).expect(201).json();

        assertFalse(enrolled.getJsonObject("restore").getBoolean("active"));
        JsonObject entry = audit(server, "identity:" + user, "restore.auto-activate").get(0);
        assertEquals("FAILED", entry.getString("outcome"));
    }

    @Test
    void withoutAutoActivationRestoreStaysOff() {
        JsonObject enrolled = appliance.newDevice("phone").enroll(Fixtures.createIdentity(server, user)).expect(201).json();

        assertFalse(enrolled.getJsonObject("restore").getBoolean("active"));
        assertTrue(enrolled.getJsonObject("restore").isNull("code"));
    }

    private static int pageOf(Pdfs.Read read, String user) {
        for (int page = 0; page < read.pages(); page++) {
            if (read.pageTexts().get(page).contains(user)) {
                return page;
            }
        }
        throw new AssertionError("no letter for " + user + " in the batch");
    }
}
