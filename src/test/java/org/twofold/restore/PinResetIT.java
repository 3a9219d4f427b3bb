package org.twofold.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.twofold.restore.RestoreFixtures.activateRestore;
import static org.twofold.restore.RestoreFixtures.awaitOtp;
import static org.twofold.restore.RestoreFixtures.notification;
import static org.twofold.restore.RestoreFixtures.start;
import static org.twofold.testing.Problems.assertProblem;

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
 * Promise 6: a forgotten PIN is reset by deleting the ID on the phone and restoring it. The PIN protects
 * only the phone's local key, so "delete the ID" means the phone forgets its key and token; it restores with a
 * new key, and the stale binding of the same phone is cleaned up — with or without the user's other devices.
 */
@ExtendWith(ApplianceExtension.class)
class PinResetIT {

    private ApplianceServer server;
    private Appliance appliance;
    private String user;
    private DeviceSimulator phone;
    private String code;

    @BeforeEach
    void setUp(ApplianceServer server) {
        this.server = server;
        appliance = server.client().from(Fixtures.uniqueAddress());
        user = Fixtures.unique("pin");
        phone = Fixtures.enrolledUser(server, user, "Pixel");
        code = activateRestore(phone);
    }

    @Test
    void restoringTheDeletedIdWipesThePhonesStaleBinding() {
        DeviceSimulator sameFreshPhone = appliance.newDevice("Pixel");
        String restoreId = start(sameFreshPhone, user, code);
        sameFreshPhone.completeRestore(restoreId, awaitOtp(server, user, 1), false).expect(201);

        assertNotEquals(phone.deviceId(), sameFreshPhone.deviceId());
        assertEquals("UNPAIRED", Fixtures.deviceState(server, user, phone.deviceId()), "the stale binding is gone");
        assertProblem(phone.inbox(), 410, "device-removed");
        assertProblem(phone.activateRestore(), 410, "device-removed");
        assertEquals("ACTIVE", Fixtures.deviceState(server, user, sameFreshPhone.deviceId()));
        assertEquals(1, sameFreshPhone.devices().expect(200).array().getValuesAs(JsonObject.class).stream()
                .filter(d -> d.getString("state").equals("ACTIVE")).count());
        assertNotEquals(code, sameFreshPhone.restore().getString("code"), "a new restore code is shown after the reset");
    }

    @Test
    void keepingOtherDevicesUnpairsOnlyThePhonesOwnStaleBinding() {
        DeviceSimulator tablet = Fixtures.anotherDevice(server, user, "Tablet");
        DeviceSimulator sameFreshPhone = appliance.newDevice("Pixel");
        String restoreId = start(sameFreshPhone, user, code);
        sameFreshPhone.completeRestore(restoreId, awaitOtp(server, user, 1), true, phone.deviceId()).expect(201);

        assertEquals("UNPAIRED", Fixtures.deviceState(server, user, phone.deviceId()), "the stale binding of the phone");
        assertProblem(phone.inbox(), 410, "device-removed");
        assertEquals("ACTIVE", Fixtures.deviceState(server, user, tablet.deviceId()), "the tablet is kept");
        tablet.inbox().expect(200);
        assertEquals("ACTIVE", Fixtures.deviceState(server, user, sameFreshPhone.deviceId()));
        JsonObject self = sameFreshPhone.devices().expect(200).array().getValuesAs(JsonObject.class).stream()
                .filter(d -> d.getBoolean("current")).findFirst().orElseThrow();
        assertEquals("DUPLICATION_CODE", self.getString("boundVia"));

        assertEquals(true, notification(tablet, "DEVICE_DUPLICATED", sameFreshPhone.deviceId()).getBoolean("blockable"));
        assertEquals(false, notification(tablet, "DEVICE_UNPAIRED", phone.deviceId()).getBoolean("blockable"));
    }

    /** The stale binding named must be one of the identity's own: nobody unpairs a stranger's phone this way. */
    @Test
    void aStrangersDeviceIsNeverUnpairedByAPinReset() {
        String stranger = Fixtures.unique("pin-other");
        DeviceSimulator strangersPhone = Fixtures.enrolledUser(server, stranger);
        DeviceSimulator sameFreshPhone = appliance.newDevice("Pixel");
        String restoreId = start(sameFreshPhone, user, code);
        String otp = awaitOtp(server, user, 1);

        assertProblem(sameFreshPhone.completeRestore(restoreId, otp, true, strangersPhone.deviceId()), 404, "unknown-device");
        strangersPhone.inbox().expect(200);
        assertEquals("ACTIVE", Fixtures.deviceState(server, stranger, strangersPhone.deviceId()));
        phone.inbox().expect(200);
        assertEquals(1, RestoreFixtures.devices(server, user).size(), "nothing was bound for the refused restore");
    }
}
