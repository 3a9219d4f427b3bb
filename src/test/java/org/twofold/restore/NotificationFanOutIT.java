package org.twofold.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twofold.restore.RestoreFixtures.activateRestore;
import static org.twofold.restore.RestoreFixtures.email;
import static org.twofold.restore.RestoreFixtures.notification;
import static org.twofold.restore.RestoreFixtures.notifications;
import static org.twofold.testing.Problems.assertProblem;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twofold.simulator.Appliance;
import org.twofold.simulator.DeviceSimulator;
import org.twofold.simulator.DeviceSimulator.EventStream;
import org.twofold.testing.ApplianceExtension;
import org.twofold.testing.ApplianceServer;
import org.twofold.testing.Fixtures;
import org.twofold.testing.TestMailServer;

/**
 * Promise 3: every binding (an extra enrollment, a restore, a duplication by QR or by restore code), every
 * unpairing and every re-issue of the restore code reaches every other active device of the identity — in
 * its inbox and live on its event stream — and the user by mail.
 */
@ExtendWith(ApplianceExtension.class)
class NotificationFanOutIT {

    private static final String ADDED = "A device was added";
    private static final String RESTORED = "restored on a new device";
    private static final String COPIED = "copied to another device";
    private static final String REMOVED = "A device was removed";
    private static final String REPLACED = "restore code was replaced";

    private ApplianceServer server;
    private Appliance appliance;
    private String user;
    private DeviceSimulator phone;
    private DeviceSimulator tablet;

    @BeforeEach
    void setUp(ApplianceServer server) {
        this.server = server;
        appliance = server.client().from(Fixtures.uniqueAddress());
        user = Fixtures.unique("notify");
        phone = Fixtures.enrolledUser(server, user, "Phone");
        tablet = Fixtures.anotherDevice(server, user, "Tablet");
    }

    @Test
    void anExtraEnrollmentReachesEveryOtherDeviceAndTheMailbox() throws Exception {
        awaitMails(ADDED, 2);
        try (EventStream phoneEvents = open(phone); EventStream tabletEvents = open(tablet)) {
            DeviceSimulator laptop = Fixtures.anotherDevice(server, user, "Laptop");

            for (EventStream events : List.of(phoneEvents, tabletEvents)) {
                JsonObject live = events.awaitType("DEVICE_ADDED");
                assertEquals(laptop.deviceId(), live.getString("deviceId"));
                assertEquals("Laptop", live.getString("deviceName"));
                assertTrue(live.getBoolean("blockable"));
            }
            for (DeviceSimulator other : List.of(phone, tablet)) {
                assertTrue(notification(other, "DEVICE_ADDED", laptop.deviceId()).getBoolean("blockable"));
            }
            assertTrue(notifications(laptop).stream().noneMatch(n -> n.getString("deviceId").equals(laptop.deviceId())),
                    "a device is not told about itself");
            awaitMails(ADDED, 3);
        }
    }

    @Test
    void aRestoreReachesEveryDeviceItWipesAndTheMailbox() throws Exception {
        String code = activateRestore(phone);
        try (EventStream phoneEvents = open(phone); EventStream tabletEvents = open(tablet)) {
            DeviceSimulator restored = RestoreFixtures.restore(server, appliance, user, code, "New phone", false);

            String announced = null;
            for (EventStream events : List.of(phoneEvents, tabletEvents)) {
                JsonObject live = events.awaitType("DEVICE_RESTORED");
                assertEquals(restored.deviceId(), live.getString("deviceId"));
                assertTrue(live.getBoolean("blockable"));
                announced = live.getString("id");
            }
            for (DeviceSimulator wiped : List.of(phone, tablet)) {
                JsonObject gone = assertProblem(wiped.inbox(), 410, "device-removed");
                assertEquals(announced, gone.getString("notificationId"),
                        "the wiped device is told which notification it may still block");
            }
            awaitMails(RESTORED, 1);
        }
    }

    @Test
    void aDuplicationByRestoreCodeReachesEveryOtherDeviceAndTheMailbox() throws Exception {
        String code = activateRestore(phone);
        try (EventStream phoneEvents = open(phone); EventStream tabletEvents = open(tablet)) {
            DeviceSimulator second = RestoreFixtures.restore(server, appliance, user, code, "Second phone", true);

            for (EventStream events : List.of(phoneEvents, tabletEvents)) {
                assertEquals(second.deviceId(), events.awaitType("DEVICE_DUPLICATED").getString("deviceId"));
            }
            for (DeviceSimulator other : List.of(phone, tablet)) {
                assertTrue(notification(other, "DEVICE_DUPLICATED", second.deviceId()).getBoolean("blockable"));
            }
            awaitMails(COPIED, 1);
        }
    }

    @Test
    void aDuplicationByQrReachesEveryOtherDeviceAndTheMailbox() throws Exception {
        try (EventStream phoneEvents = open(phone); EventStream tabletEvents = open(tablet)) {
            DeviceSimulator copy = DuplicationSteps.duplicate(appliance, phone, "Copy");

            for (EventStream events : List.of(phoneEvents, tabletEvents)) {
                assertEquals(copy.deviceId(), events.awaitType("DEVICE_DUPLICATED").getString("deviceId"));
            }
            assertTrue(notification(tablet, "DEVICE_DUPLICATED", copy.deviceId()).getBoolean("blockable"));
            assertTrue(notification(phone, "DEVICE_DUPLICATED", copy.deviceId()).getBoolean("blockable"));
            awaitMails(COPIED, 1);
        }
    }

    @Test
    void anUnpairingReachesTheRemainingDevicesAndTheMailbox() throws Exception {
        DeviceSimulator laptop = Fixtures.anotherDevice(server, user, "Laptop");
        try (EventStream tabletEvents = open(tablet)) {
            phone.unpair(laptop.deviceId()).expect(204);

            JsonObject live = tabletEvents.awaitType("DEVICE_UNPAIRED");
            assertEquals(laptop.deviceId(), live.getString("deviceId"));
            assertFalse(live.getBoolean("blockable"));
            assertFalse(notification(phone, "DEVICE_UNPAIRED", laptop.deviceId()).getBoolean("blockable"));
            awaitMails(REMOVED, 1);
        }
    }

    @Test
    void reissuingTheRestoreCodeReachesTheOtherDevicesTheMailboxAndKillsTheOldCode() throws Exception {
        String first = activateRestore(phone);
        try (EventStream tabletEvents = open(tablet)) {
            String second = activateRestore(phone);

            JsonObject live = tabletEvents.awaitType("RESTORE_CODE_REISSUED");
            assertEquals(phone.deviceId(), live.getString("deviceId"));
            assertFalse(live.getBoolean("blockable"));
            assertFalse(notification(tablet, "RESTORE_CODE_REISSUED", phone.deviceId()).getBoolean("blockable"));
            assertTrue(notifications(phone).stream().noneMatch(n -> n.getString("type").equals("RESTORE_CODE_REISSUED")),
                    "the device that re-issued is not told about itself");
            awaitMails(REPLACED, 1);
            assertEquals(1, mails(REPLACED), "the first activation is no re-issue");

            assertProblem(appliance.newDevice("old code").startRestore(user, first), 400, "invalid-restore-credentials");
            appliance.newDevice("new code").startRestore(user, second).expect(202);
        }
    }

    private static EventStream open(DeviceSimulator device) throws InterruptedException {
        EventStream events = device.events();
        events.awaitOpen();
        return events;
    }

    private long mails(String subjectPart) {
        return server.mail().mailsTo(email(user)).stream()
                .filter(mail -> TestMailServer.subjectOf(mail).contains(subjectPart)).count();
    }

    /** Waits until the user has exactly {@code n} mails with this subject (up to 20 s), then checks none more came. */
    private void awaitMails(String subjectPart, int n) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (mails(subjectPart) < n && Instant.now().isBefore(deadline)) {
            RestoreFixtures.sleep(100);
        }
        assertEquals(n, mails(subjectPart), () -> "mails with '" + subjectPart + "' to " + user + ": "
                + server.mail().mailsTo(email(user)).stream().map(TestMailServer::subjectOf).toList());
    }
}
