package org.twofold.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twofold.restore.RestoreFixtures.activateRestore;
import static org.twofold.restore.RestoreFixtures.audit;
import static org.twofold.restore.RestoreFixtures.awaitOtp;
import static org.twofold.restore.RestoreFixtures.deviceTarget;
import static org.twofold.restore.RestoreFixtures.email;
import static org.twofold.restore.RestoreFixtures.notification;
import static org.twofold.restore.RestoreFixtures.restoreLocked;
import static org.twofold.restore.RestoreFixtures.start;
import static org.twofold.testing.Problems.assertProblem;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twofold.simulator.Appliance;
import org.twofold.simulator.DeviceSimulator;
import org.twofold.testing.ApplianceExtension;
import org.twofold.testing.ApplianceServer;
import org.twofold.testing.Fixtures;

/**
 * Promise 3, the block action: a device-added notification lets any other device of the identity block the
 * newcomer at once and for good. A newcomer from a restore or duplication takes the restore code it was shown
 * down with it and shuts restore until a remaining device re-activates it or an operator opens it; a device
 * wiped by a restore can still block that restore. Only a security officer or admin lifts a block.
 *
 * <p>Not covered here: the wiped device's right to block ending 24 h after the wipe (the appliance's clock
 * cannot be moved from outside); {@code Device.blockableRestoreNotification} decides it.
 */
@ExtendWith(ApplianceExtension.class)
class BlockIT {

    private ApplianceServer server;
    private Appliance appliance;
    private String user;
    private DeviceSimulator phone;

    @BeforeEach
    void setUp(ApplianceServer server) {
        this.server = server;
        appliance = server.client().from(Fixtures.uniqueAddress());
        user = Fixtures.unique("block");
        phone = Fixtures.enrolledUser(server, user, "Phone");
    }

    @Test
    void blockingAnAddedDeviceRemovesItCancelsPendingLoginsAndIsAudited() throws InterruptedException {
        DeviceSimulator intruder = Fixtures.anotherDevice(server, user, "Unknown phone");
        Appliance.RelyingParty vpn = Fixtures.relyingParty(server);
        Fixtures.Login waiting = Fixtures.startLogin(vpn, user);
        String added = notification(phone, "DEVICE_ADDED", intruder.deviceId()).getString("id");
        DeviceSimulator.EventStream intrudersEvents = intruder.events();
        intrudersEvents.awaitOpen();

        assertEquals("BLOCKED", phone.block(added).expect(200).json().getString("status"));

        awaitEnded(intrudersEvents);

        JsonObject gone = assertProblem(intruder.inbox(), 410, "device-removed");
        assertFalse(gone.containsKey("notificationId"), "a blocked device may block nothing: " + gone);
        assertProblem(intruder.decide(waiting.id(), "APPROVE", waiting.displayNumber()), 410, "device-removed");
        assertEquals("BLOCKED", Fixtures.deviceState(server, user, intruder.deviceId()));
        assertEquals("CANCELLED", Fixtures.loginStatus(vpn, waiting.id()), "the identity's pending logins die");
        List<JsonObject> audited = audit(server, deviceTarget(intruder.deviceId(), user), "device.block");
        assertEquals(1, audited.size(), audited::toString);
        assertEquals("SUCCESS", audited.get(0).getString("outcome"));
        assertFalse(notification(phone, "DEVICE_BLOCKED", intruder.deviceId()).getBoolean("blockable"));
        server.mail().awaitMail(email(user), "was blocked", Duration.ofSeconds(20));
        assertFalse(restoreLocked(server, user), "an enrolled device brought no restore code: restore stays open");

        phone.block(added).expect(200);
        assertEquals("BLOCKED", Fixtures.deviceState(server, user, intruder.deviceId()), "blocking twice changes nothing");
        assertEquals(1, audit(server, deviceTarget(intruder.deviceId(), user), "device.block").size());
        phone.inbox().expect(200);
    }

    /** The blocked device's open event stream is closed at once: it hears nothing more. */
    private static void awaitEnded(DeviceSimulator.EventStream events) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!events.ended() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(events.ended(), "the blocked device's event stream is closed");
    }

    @Test
    void onlyDeviceAdditionsOfTheOwnIdentityCanBeBlockedAndNeverByTheNewcomerItself() {
        DeviceSimulator tablet = Fixtures.anotherDevice(server, user, "Tablet");
        DeviceSimulator laptop = Fixtures.anotherDevice(server, user, "Laptop");
        phone.unpair(laptop.deviceId()).expect(204);
        activateRestore(phone);
        activateRestore(phone);

        String unpaired = notification(tablet, "DEVICE_UNPAIRED", laptop.deviceId()).getString("id");
        assertProblem(tablet.block(unpaired), 409, "not-blockable");
        String reissued = notification(tablet, "RESTORE_CODE_REISSUED", phone.deviceId()).getString("id");
        assertProblem(tablet.block(reissued), 409, "not-blockable");

        String tabletAdded = notification(phone, "DEVICE_ADDED", tablet.deviceId()).getString("id");
        assertProblem(tablet.block(tabletAdded), 409, "cannot-block-self");

        DeviceSimulator stranger = Fixtures.enrolledUser(server, Fixtures.unique("block-other"));
        assertProblem(stranger.block(tabletAdded), 404, "unknown-notification");
        assertProblem(phone.block(UUID.randomUUID().toString()), 404, "unknown-notification");

        for (DeviceSimulator device : List.of(phone, tablet, stranger)) {
            device.inbox().expect(200);
        }
    }

    @Test
    void blockingADuplicateFromTheRestoreCodeKillsItsCodeAndShutsRestoreUntilADeviceReactivatesIt() {
        String original = activateRestore(phone);
        DeviceSimulator thief = RestoreFixtures.restore(server, appliance, user, original, "Thief", true);
        String thiefsCode = thief.restore().getString("code");
        DeviceSimulator thiefAgain = appliance.newDevice("Thief again");
        String openAttempt = start(thiefAgain, user, thiefsCode);
        String openOtp = awaitOtp(server, user, 2);

        phone.block(notification(phone, "DEVICE_DUPLICATED", thief.deviceId()).getString("id")).expect(200);

        assertProblem(thief.inbox(), 410, "device-removed");
        assertTrue(restoreLocked(server, user));
        Appliance elsewhere = server.client().from(Fixtures.uniqueAddress());
        assertProblem(elsewhere.newDevice("x").startRestore(user, thiefsCode), 400, "invalid-restore-credentials");
        assertProblem(elsewhere.newDevice("x").startRestore(user, original), 400, "invalid-restore-credentials");
        assertProblem(thiefAgain.completeRestore(openAttempt, openOtp, true), 400, "invalid-otp");
        assertEquals(List.of("ACTIVE"), RestoreFixtures.devices(server, user).stream()
                .filter(d -> !d.getString("id").equals(thief.deviceId())).map(d -> d.getString("state")).distinct().toList());

        String fresh = activateRestore(phone);
        assertFalse(restoreLocked(server, user), "re-activating restore on a remaining device opens it again");
        DeviceSimulator owner = RestoreFixtures.restore(server, elsewhere, user, fresh, "Owner's second phone", true);
        owner.inbox().expect(200);
        phone.inbox().expect(200);
    }

    @Test
    void blockingAQrDuplicateShutsRestoreEvenForTheCodeItNeverSawUntilAnOperatorOpensIt() {
        String code = activateRestore(phone);
        DeviceSimulator copy = DuplicationSteps.duplicate(appliance, phone, "Copy");

        phone.block(notification(phone, "DEVICE_DUPLICATED", copy.deviceId()).getString("id")).expect(200);

        assertProblem(copy.inbox(), 410, "device-removed");
        assertTrue(restoreLocked(server, user));
        assertProblem(appliance.newDevice("x").startRestore(user, code), 400, "invalid-restore-credentials");

        RestoreFixtures.unlockRestore(server, user).expect(200);
        assertFalse(restoreLocked(server, user));
        appliance.newDevice("owner").startRestore(user, code).expect(202);
    }

    @Test
    void aPhoneWipedByARestoreCanStillBlockThatRestoreButNothingElse() {
        String code = activateRestore(phone);
        DeviceSimulator thief = RestoreFixtures.restore(server, appliance, user, code, "Thief", false);
        String thiefsCode = thief.restore().getString("code");

        JsonObject wiped = assertProblem(phone.inbox(), 410, "device-removed");
        String restoreNotification = wiped.getString("notificationId");
        assertProblem(phone.activateRestore(), 410, "device-removed");
        assertProblem(phone.offerDuplication(), 410, "device-removed");
        assertProblem(phone.block(UUID.randomUUID().toString()), 410, "device-removed");
        assertProblem(phone.unpair(thief.deviceId()), 410, "device-removed");

        phone.block(restoreNotification).expect(200);

        assertProblem(thief.inbox(), 410, "device-removed");
        assertEquals("BLOCKED", Fixtures.deviceState(server, user, thief.deviceId()));
        assertEquals("UNPAIRED", Fixtures.deviceState(server, user, phone.deviceId()), "the wiped phone stays wiped");
        assertEquals(restoreNotification, assertProblem(phone.inbox(), 410, "device-removed").getString("notificationId"));
        assertTrue(restoreLocked(server, user));
        assertProblem(appliance.newDevice("again").startRestore(user, thiefsCode), 400, "invalid-restore-credentials");
        assertEquals(1, audit(server, deviceTarget(thief.deviceId(), user), "device.block").size());
    }

    @Test
    void onlyASecurityOfficerOrAdminLiftsABlock() {
        DeviceSimulator tablet = Fixtures.anotherDevice(server, user, "Tablet");
        phone.block(notification(phone, "DEVICE_ADDED", tablet.deviceId()).getString("id")).expect(200);
        Appliance.Operator helpdesk = Fixtures.operator(server, Fixtures.unique("hd"), "HELPDESK");
        Appliance.Operator officer = Fixtures.operator(server, Fixtures.unique("so"), "SECURITY_OFFICER");
        String unblock = "devices/" + tablet.deviceId() + "/unblock";

        assertProblem(helpdesk.call("POST", unblock, null), 403, "forbidden");
        assertProblem(tablet.inbox(), 410, "device-removed");

        officer.call("POST", unblock, null).expect(204);
        assertEquals("ACTIVE", Fixtures.deviceState(server, user, tablet.deviceId()));
        tablet.inbox().expect(200);
        assertEquals(1, audit(server, deviceTarget(tablet.deviceId(), user), "device.unblock").size());
        assertProblem(officer.call("POST", unblock, null), 409, "device-not-blocked");
        assertProblem(officer.call("POST", "devices/" + UUID.randomUUID() + "/unblock", null), 404, "unknown-device");
    }
}
