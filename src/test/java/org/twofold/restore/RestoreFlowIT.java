package org.twofold.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twofold.simulator.Answer;
import org.twofold.simulator.Appliance;
import org.twofold.simulator.DeviceSimulator;
import org.twofold.testing.ApplianceExtension;
import org.twofold.testing.ApplianceServer;
import org.twofold.testing.Fixtures;

/** Promise 1: a user who lost the phone restores the ID on a new one with restore code + emailed OTP. */
@ExtendWith(ApplianceExtension.class)
class RestoreFlowIT {

    private ApplianceServer server;
    private Appliance appliance;
    private String user;
    private String email;
    private DeviceSimulator oldPhone;

    @BeforeEach
    void enrolledUser(ApplianceServer server) {
        this.server = server;
        appliance = server.client().from(Fixtures.uniqueAddress());
        user = Fixtures.unique("restore");
        email = user + "@corp.test";
        oldPhone = Fixtures.enrolledUser(server, user);
    }

    @Test
    void lostPhoneIsReplacedWithRestoreCodeAndEmailedOtp() throws Exception {
        JsonObject activation = oldPhone.activateRestore().expect(201).json();
        String restoreCode = activation.getString("code");
        assertEquals("DEVICE_DISPLAY", activation.getString("delivery"));
        assertTrue(restoreCode.replace("-", "").length() * 5 >= 128);
        assertEquals("twofold://restore?u=" + user + "&c=" + restoreCode, activation.getString("link"));
        assertTrue(oldPhone.inbox().json().getJsonObject("restore").getBoolean("active"));

        DeviceSimulator newPhone = appliance.newDevice("new phone");
        JsonObject started = newPhone.startRestore(user, restoreCode).expect(202).json();
        assertEquals("r***@c***.test", started.getString("otpSentTo"));
        String otp = server.mail().awaitOtp(email);

        JsonObject completed = newPhone.completeRestore(started.getString("restoreId"), otp, false).expect(201).json();
        assertEquals(user, completed.getString("user"));
        JsonObject restore = completed.getJsonObject("restore");
        assertTrue(restore.getBoolean("active"));
        String newCode = restore.getString("code");
        assertNotEquals(restoreCode, newCode, "the restore code is replaced after use");

        Answer gone = oldPhone.inbox();
        assertEquals(410, gone.status());
        assertEquals("device-removed", gone.code().orElseThrow());
        assertFalse(gone.json().isNull("notificationId"), "the wiped phone learns which restore wiped it");

        JsonObject self = newPhone.devices().expect(200).array().getValuesAs(JsonObject.class).stream()
                .filter(d -> d.getBoolean("current")).findFirst().orElseThrow();
        assertEquals("RESTORE", self.getString("boundVia"));

        assertEquals(400, appliance.newDevice("thief").startRestore(user, restoreCode).status(), "the old code died");
        server.mail().awaitMail(email, "restored on a new device", Duration.ofSeconds(20));
    }

    @Test
    void wipedOwnerBlocksTheThiefWithinTheDay() {
        String restoreCode = oldPhone.activateRestore().expect(201).json().getString("code");
        DeviceSimulator thief = appliance.newDevice("thief phone");
        String restoreId = thief.startRestore(user, restoreCode).expect(202).json().getString("restoreId");
        thief.completeRestore(restoreId, server.mail().awaitOtp(email), false).expect(201);

        String notificationId = oldPhone.inbox().json().getString("notificationId");
        oldPhone.block(notificationId).expect(200);

        Answer thiefCall = thief.inbox();
        assertEquals(410, thiefCall.status(), "the thief's device is blocked");
        JsonObject details = Fixtures.identity(server, user);
        assertTrue(details.getJsonObject("restore").getBoolean("locked"), "restore stays shut after the block");
        String thiefCode = thief.restore().getString("code");
        assertEquals(400, appliance.newDevice("again").startRestore(user, thiefCode).status(),
                "the code the thief was shown is dead");
        assertEquals(410, oldPhone.inbox().status(), "the wiped phone stays wiped");
    }

    @Test
    void duplicationByQrNeedsConfirmationOnTheOldPhone() throws Exception {
        DeviceSimulator newPhone = appliance.newDevice("tablet");
        try (DeviceSimulator.EventStream events = oldPhone.events()) {
            events.awaitOpen();
            JsonObject offer = oldPhone.offerDuplication().expect(201).json();
            String link = offer.getString("qr");
            assertTrue(link.startsWith("twofold://dup?h="));
            String secret = link.substring(link.indexOf("&s=") + 3);

            JsonObject claim = newPhone.claimDuplication(offer.getString("offerId"), secret).expect(202).json();
            JsonObject pending = events.awaitType("CONFIRM_DUPLICATION");
            assertEquals(claim.getString("fingerprint"), pending.getString("fingerprint"), "both phones show one fingerprint");
            assertEquals("tablet", pending.getString("deviceName"));

            JsonObject before = newPhone.fetchClaim(offer.getString("offerId"), claim.getString("claimId"),
                    claim.getString("claimSecret")).expect(200).json();
            assertEquals("PENDING", before.getString("status"));
            assertTrue(before.isNull("deviceToken"));

            oldPhone.confirmDuplication(offer.getString("offerId"), claim.getString("claimId")).expect(200);
            JsonObject after = newPhone.fetchClaim(offer.getString("offerId"), claim.getString("claimId"),
                    claim.getString("claimSecret")).expect(200).json();
            assertEquals("CONFIRMED", after.getString("status"));
            assertNotNull(newPhone.token());
            newPhone.inbox().expect(200);
            JsonObject again = newPhone.fetchClaim(offer.getString("offerId"), claim.getString("claimId"),
                    claim.getString("claimSecret")).expect(200).json();
            assertTrue(again.isNull("deviceToken"), "the token is handed over once");
            assertEquals(200, oldPhone.inbox().status(), "the old phone keeps working");
            assertEquals("DEVICE_DUPLICATED", events.awaitType("DEVICE_DUPLICATED").getString("type"));
        }
    }

    @Test
    void duplicationByRestoreCodeKeepsTheOldPhone() {
        String restoreCode = oldPhone.activateRestore().expect(201).json().getString("code");
        DeviceSimulator second = appliance.newDevice("second phone");
        String restoreId = second.startRestore(user, restoreCode).expect(202).json().getString("restoreId");
        second.completeRestore(restoreId, server.mail().awaitOtp(email), true).expect(201);
        assertEquals(200, oldPhone.inbox().status());
        JsonObject notification = oldPhone.inbox().json().getJsonArray("notifications").getJsonObject(0);
        assertEquals("DEVICE_DUPLICATED", notification.getString("type"));
        assertTrue(notification.getBoolean("blockable"));
    }
}
