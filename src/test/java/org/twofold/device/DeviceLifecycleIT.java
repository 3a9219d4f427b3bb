package org.twofold.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twofold.simulator.Answer;
import org.twofold.simulator.DeviceSimulator;
import org.twofold.testing.ApplianceExtension;
import org.twofold.testing.ApplianceServer;
import org.twofold.testing.Fixtures;

/** Enrollment of first and further devices, what every device sees of the others, and unpairing (promise 4). */
@ExtendWith(ApplianceExtension.class)
class DeviceLifecycleIT {

    private ApplianceServer server;
    private String user;

    @BeforeEach
    void setUp(ApplianceServer server) {
        this.server = server;
        user = Fixtures.unique("dev");
    }

    @Test
    void enrollmentAnswersWithTokenUserAndRestoreState() {
        DeviceSimulator phone = Fixtures.enrolledUser(server, user, "Pixel 9");
        assertEquals(user, phone.user());
        assertTrue(phone.token().length() > 40, "a long random device token");
        assertFalse(phone.restore().getBoolean("active"));
        assertTrue(phone.restore().isNull("code"));
        assertEquals("DEVICE_DISPLAY", phone.restore().getString("delivery"));

        JsonArray devices = phone.devices().expect(200).array();
        assertEquals(1, devices.size());
        JsonObject self = devices.getJsonObject(0);
        assertEquals(phone.deviceId(), self.getString("id"));
        assertEquals("Pixel 9", self.getString("name"));
        assertEquals("simulator", self.getString("platform"));
        assertEquals("ACTIVE", self.getString("state"));
        assertEquals("ENROLLMENT", self.getString("boundVia"));
        assertTrue(self.getBoolean("current"));
        Instant.parse(self.getString("createdAt"));
        Instant.parse(self.getString("lastSeenAt"));
    }

    @Test
    void activationCodeIsSingleUse() {
        String code = server.admin().createIdentity(user, user + "@corp.test").expect(201).json().getString("activationCode");
        server.client().newDevice("first").enroll(code).expect(201);
        Answer again = server.client().newDevice("second").enroll(code);
        assertEquals(400, again.status());
        assertEquals("invalid-activation-code", again.code().orElseThrow());
    }

    @Test
    void typedActivationCodeForgivesCaseAndSeparators() {
        String code = server.admin().createIdentity(user, null).expect(201).json().getString("activationCode");
        String typed = code.toLowerCase().replace("-", " ");
        server.client().newDevice("typed").enroll(typed).expect(201);
    }

    @Test
    void identityCreationAnswersWithCodeQrAndExpiry() {
        JsonObject created = server.admin().createIdentity(user, user + "@corp.test").expect(201).json();
        assertEquals(user, created.getString("user"));
        String code = created.getString("activationCode");
        assertTrue(code.replace("-", "").length() * 5 >= 128, "at least 128 bits");
        assertTrue(created.getString("activationQr").startsWith("data:image/svg+xml;base64,"));
        assertTrue(created.getString("activationLink").startsWith("twofold://enroll?h="));
        assertTrue(created.getString("activationLink").endsWith("&c=" + code));
        Instant expiresAt = Instant.parse(created.getString("expiresAt"));
        assertTrue(expiresAt.isAfter(Instant.now().plusSeconds(23 * 3600)) && expiresAt.isBefore(Instant.now().plusSeconds(25 * 3600)));

        Answer duplicate = server.admin().createIdentity(user.toUpperCase(), null);
        assertEquals(409, duplicate.status(), "user names compare case-insensitively");
        assertEquals("identity-exists", duplicate.code().orElseThrow());
    }

    @Test
    void everyDeviceHearsOfANewDeviceAndSeesAllDevices() throws Exception {
        DeviceSimulator first = Fixtures.enrolledUser(server, user, "old phone");
        try (DeviceSimulator.EventStream events = first.events()) {
            events.awaitOpen();
            DeviceSimulator second = Fixtures.anotherDevice(server, user, "new phone");

            JsonObject added = events.awaitType("DEVICE_ADDED");
            assertEquals(second.deviceId(), added.getString("deviceId"));
            assertEquals("new phone", added.getString("deviceName"));
            assertTrue(added.getBoolean("blockable"), "device additions can be blocked");

            JsonObject notification = first.inbox().json().getJsonArray("notifications").getJsonObject(0);
            assertEquals("DEVICE_ADDED", notification.getString("type"));
            assertEquals(added.getString("id"), notification.getString("id"));
            assertTrue(second.inbox().json().getJsonArray("notifications").stream()
                    .noneMatch(n -> n.asJsonObject().getString("deviceId").equals(second.deviceId())),
                    "a device is not told about itself");

            Map<String, JsonObject> seenBySecond = byId(second.devices().expect(200).array());
            assertEquals(2, seenBySecond.size());
            assertTrue(seenBySecond.get(second.deviceId()).getBoolean("current"));
            assertFalse(seenBySecond.get(first.deviceId()).getBoolean("current"));
        }
    }

    @Test
    void anyDeviceUnpairsAnotherWhichIsThenGone() throws Exception {
        DeviceSimulator lost = Fixtures.enrolledUser(server, user, "lost phone");
        DeviceSimulator kept = Fixtures.anotherDevice(server, user, "kept phone");
        DeviceSimulator.EventStream lostEvents = lost.events();
        lostEvents.awaitOpen();
        try (DeviceSimulator.EventStream keptEvents = kept.events()) {
            keptEvents.awaitOpen();
            kept.unpair(lost.deviceId()).expect(204);

            JsonObject unpaired = keptEvents.awaitType("DEVICE_UNPAIRED");
            assertEquals(lost.deviceId(), unpaired.getString("deviceId"));
            assertFalse(unpaired.getBoolean("blockable"));
        }
        assertGone(lost.inbox());
        assertGone(lost.devices());
        assertGone(lost.unpair(kept.deviceId()));
        awaitEnded(lostEvents);

        assertEquals("UNPAIRED", byId(kept.devices().array()).get(lost.deviceId()).getString("state"));
        Answer twice = kept.unpair(lost.deviceId());
        assertEquals(404, twice.status());
        assertEquals("unknown-device", twice.code().orElseThrow());
    }

    @Test
    void aDeviceMayUnpairItself() {
        DeviceSimulator phone = Fixtures.enrolledUser(server, user, "leaving");
        phone.unpair(phone.deviceId()).expect(204);
        assertGone(phone.inbox());
    }

    @Test
    void helpdeskUnpairsALostDevice() {
        DeviceSimulator lost = Fixtures.enrolledUser(server, user, "lost");
        server.admin().call("DELETE", "devices/" + lost.deviceId(), null).expect(204);
        assertGone(lost.inbox());
        JsonObject details = server.admin().call("GET", "identities/" + user, null).expect(200).json();
        assertEquals("UNPAIRED", details.getJsonArray("devices").getJsonObject(0).getString("state"));
        assertEquals(404, server.admin().call("DELETE", "devices/" + lost.deviceId(), null).status());
    }

    @Test
    void deactivatedIdentityCannotEnrollMoreDevices() {
        Fixtures.enrolledUser(server, user, "first");
        String code = server.admin().call("POST", "identities/" + user + "/activation-codes", "{}")
                .expect(201).json().getString("activationCode");
        server.admin().call("POST", "identities/" + user + "/deactivate", null).expect(200);
        Answer refused = server.client().newDevice("second").enroll(code);
        assertEquals(400, refused.status());
        assertEquals("invalid-activation-code", refused.code().orElseThrow());
        JsonObject details = server.admin().call("GET", "identities/" + user, null).expect(200).json();
        assertEquals("DEACTIVATED", details.getString("status"));
        assertEquals(1, details.getJsonArray("devices").size());
    }

    private static void assertGone(Answer answer) {
        assertEquals(410, answer.status(), answer.toString());
        assertEquals("device-removed", answer.code().orElseThrow());
    }

    private static void awaitEnded(DeviceSimulator.EventStream events) throws InterruptedException {
        for (int i = 0; i < 100 && !events.ended(); i++) {
            Thread.sleep(100);
        }
        assertTrue(events.ended(), "the removed device's event stream was closed");
    }

    private static Map<String, JsonObject> byId(JsonArray devices) {
        return devices.getValuesAs(JsonObject.class).stream()
                .collect(Collectors.toMap(d -> d.getString("id"), Function.identity()));
    }
}
