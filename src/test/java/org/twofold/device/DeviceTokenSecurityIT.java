package org.twofold.device;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twofold.testing.Fixtures.assertStillPending;
import static org.twofold.testing.Fixtures.decisionPath;
import static org.twofold.testing.Problems.assertProblem;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;
import org.twofold.simulator.Appliance;
import org.twofold.simulator.DeviceSimulator;
import org.twofold.simulator.Json;
import org.twofold.testing.ApplianceExtension;
import org.twofold.testing.ApplianceServer;
import org.twofold.testing.Fixtures;
import org.twofold.testing.Fixtures.Login;
import org.twofold.testing.SignedCall;

/**
 * Device tokens ({@code Authorization: Device <token>}) say which device calls; only the real token of an
 * ACTIVE device gets in, a device can act only on its own identity, and an unpaired device is gone for
 * good (410 {@code device-removed}).
 */
@ExtendWith(ApplianceExtension.class)
class DeviceTokenSecurityIT {

    private static final List<String> READS = List.of("/api/v1/device/inbox", "/api/v1/device/devices", "/api/v1/device/events");

    @Test
    void readsWithoutTheRealTokenOfADeviceAreRefused(ApplianceServer server) {
        Appliance appliance = server.client();
        DeviceSimulator phone = Fixtures.enrolledUser(server, Fixtures.unique("tok"));
        String token = phone.token();
        String basicAdmin = "Basic " + Base64.getEncoder().encodeToString(("admin:" + server.adminPassword()).getBytes());
        List<String[]> wrongAuthorizations = List.of(
                new String[0],
                new String[] {"Authorization", "Device tfd_" + "A".repeat(43)},
                new String[] {"Authorization", "Device garbage"},
                new String[] {"Authorization", "Device"},
                new String[] {"Authorization", "Device " + token + "x"},
                new String[] {"Authorization", "Device " + token.substring(0, token.length() - 1)},
                new String[] {"Authorization", "Device " + token.toUpperCase(Locale.ROOT)},
                new String[] {"Authorization", "Bearer " + token},
                new String[] {"Authorization", token},
                new String[] {"Authorization", basicAdmin});

        List<Executable> checks = new ArrayList<>();
        for (String path : READS) {
            for (String[] headers : wrongAuthorizations) {
                checks.add(() -> assertProblem(appliance.request("GET", path, null, headers), 401, "invalid-device-token"));
            }
        }
        assertAll(checks);
        phone.inbox().expect(200);
        phone.devices().expect(200);
    }

    @Test
    void signedCallsWithoutTheRealTokenAreRefused(ApplianceServer server) {
        Appliance appliance = server.client();
        String user = Fixtures.unique("tok");
        DeviceSimulator phone = Fixtures.enrolledUser(server, user);
        Appliance.RelyingParty vpn = Fixtures.relyingParty(server);
        Login login = Fixtures.startLogin(vpn, user);
        String approve = Json.object("decision", "APPROVE", "number", login.displayNumber());

        assertAll(
                () -> assertProblem(SignedCall.by(appliance, phone).request("POST", decisionPath(login.id()), approve)
                        .token(null).send(), 401, "invalid-device-token"),
                () -> assertProblem(SignedCall.by(appliance, phone).request("POST", decisionPath(login.id()), approve)
                        .token("tfd_garbage").send(), 401, "invalid-device-token"));

        assertStillPending(vpn, login);
        phone.decide(login.id(), "APPROVE", login.displayNumber()).expect(200);
    }

    @Test
    void aDeviceOfAnotherIdentityCannotDecideThisIdentitysLogin(ApplianceServer server) {
        String alice = Fixtures.unique("alice");
        DeviceSimulator alicePhone = Fixtures.enrolledUser(server, alice);
        DeviceSimulator malloryPhone = Fixtures.enrolledUser(server, Fixtures.unique("mallory"));
        Appliance.RelyingParty vpn = Fixtures.relyingParty(server);
        Login login = Fixtures.startLogin(vpn, alice);

        // Mallory's phone is genuine (its own token, its own valid signature), but the login is not its identity's.
        assertAll(
                () -> assertProblem(malloryPhone.decide(login.id(), "APPROVE", login.displayNumber()), 404, "unknown-auth-session"),
                () -> assertProblem(malloryPhone.decide(login.id(), "DENY", null), 404, "unknown-auth-session"));
        assertEquals(assertProblem(malloryPhone.decide(UUID.randomUUID().toString(), "DENY", null), 404, "unknown-auth-session"),
                assertProblem(malloryPhone.decide(login.id(), "DENY", null), 404, "unknown-auth-session"),
                "another identity's login is answered like a login that does not exist");
        assertTrue(malloryPhone.inbox().expect(200).json().getJsonArray("pending").isEmpty(),
                "Alice's login must not show up on Mallory's phone");

        assertStillPending(vpn, login);
        assertEquals(0, Fixtures.successfulLogins(server, alice));
        alicePhone.decide(login.id(), "APPROVE", login.displayNumber()).expect(200);
        assertEquals("APPROVED", Fixtures.loginStatus(vpn, login.id()));
        assertEquals(alicePhone.deviceId(), vpn.status(login.id()).json().getString("deviceId"));
    }

    @Test
    void aDeviceOfAnotherIdentityCannotUnpairOrSeeThisIdentitysDevices(ApplianceServer server) {
        String alice = Fixtures.unique("alice");
        DeviceSimulator alicePhone = Fixtures.enrolledUser(server, alice);
        DeviceSimulator malloryPhone = Fixtures.enrolledUser(server, Fixtures.unique("mallory"));

        JsonObject refused = assertProblem(malloryPhone.unpair(alicePhone.deviceId()), 404, "unknown-device");
        JsonObject missing = assertProblem(malloryPhone.unpair(UUID.randomUUID().toString()), 404, "unknown-device");
        assertEquals(missing, refused, "another identity's device is answered like a device that does not exist");

        assertEquals("ACTIVE", Fixtures.deviceState(server, alice, alicePhone.deviceId()));
        alicePhone.inbox().expect(200);
        List<String> malloryListing = malloryPhone.devices().expect(200).array().getValuesAs(JsonObject.class).stream()
                .map(device -> device.getString("id")).toList();
        assertEquals(List.of(malloryPhone.deviceId()), malloryListing, "a device lists only its own identity's devices");
        assertFalse(alicePhone.inbox().expect(200).json().getJsonArray("notifications").toString().contains("DEVICE_UNPAIRED"),
                "Alice's devices hear of no unpairing");
    }

    @Test
    void anUnpairedDeviceIsGoneForEveryCall(ApplianceServer server) {
        Appliance appliance = server.client();
        String user = Fixtures.unique("tok");
        DeviceSimulator phone = Fixtures.enrolledUser(server, user);
        DeviceSimulator laptop = Fixtures.anotherDevice(server, user, "Laptop");
        Appliance.RelyingParty vpn = Fixtures.relyingParty(server);
        Login login = Fixtures.startLogin(vpn, user);

        server.admin().call("DELETE", "devices/" + phone.deviceId(), null).expect(204);

        List<Executable> checks = new ArrayList<>();
        for (String path : READS) {
            checks.add(() -> assertProblem(phone.read(path), 410, "device-removed"));
        }
        checks.add(() -> assertProblem(phone.decide(login.id(), "APPROVE", login.displayNumber()), 410, "device-removed"));
        checks.add(() -> assertProblem(phone.decide(login.id(), "DENY", null), 410, "device-removed"));
        checks.add(() -> assertProblem(phone.unpair(laptop.deviceId()), 410, "device-removed"));
        checks.add(() -> assertProblem(phone.unpair(phone.deviceId()), 410, "device-removed"));
        // even with a bad signature the answer stays "you are removed": nothing else is learnt or done
        checks.add(() -> assertProblem(SignedCall.by(appliance, phone).request("POST", decisionPath(login.id()),
                Json.object("decision", "DENY")).signature("x").send(), 410, "device-removed"));
        assertAll(checks);

        assertStillPending(vpn, login);
        assertEquals("ACTIVE", Fixtures.deviceState(server, user, laptop.deviceId()));
        assertEquals("UNPAIRED", Fixtures.deviceState(server, user, phone.deviceId()));
        laptop.decide(login.id(), "APPROVE", login.displayNumber()).expect(200);
    }

    @Test
    void aDeviceThatUnpairsItselfIsGoneAndTheUnpairHappensOnce(ApplianceServer server) {
        String user = Fixtures.unique("tok");
        DeviceSimulator phone = Fixtures.enrolledUser(server, user);
        DeviceSimulator laptop = Fixtures.anotherDevice(server, user, "Laptop");

        phone.unpair(phone.deviceId()).expect(204);

        assertProblem(phone.inbox(), 410, "device-removed");
        assertProblem(phone.unpair(phone.deviceId()), 410, "device-removed");
        assertProblem(laptop.unpair(phone.deviceId()), 404, "unknown-device");
        assertProblem(server.admin().call("DELETE", "devices/" + phone.deviceId(), null), 404, "unknown-device");
        long unpairedNotices = laptop.inbox().expect(200).json().getJsonArray("notifications").getValuesAs(JsonObject.class)
                .stream().filter(n -> n.getString("type").equals("DEVICE_UNPAIRED")).count();
        assertEquals(1, unpairedNotices, "the other device heard of exactly one unpairing");
    }

    @Test
    void anUnpairedDevicesOpenEventStreamIsClosed(ApplianceServer server) throws Exception {
        String user = Fixtures.unique("tok");
        DeviceSimulator phone = Fixtures.enrolledUser(server, user);
        Login login = Fixtures.startLogin(Fixtures.relyingParty(server), user);
        try (DeviceSimulator.EventStream events = phone.events()) {
            JsonObject first = events.next(15, TimeUnit.SECONDS);
            assertNotNull(first, "the open stream first delivers the pending login");
            assertEquals(login.id(), first.getString("id"));
            server.admin().call("DELETE", "devices/" + phone.deviceId(), null).expect(204);
            awaitTrue(events::ended, "the server ends the unpaired device's event stream");
        }
        assertProblem(phone.read("/api/v1/device/events"), 410, "device-removed");
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out: " + what);
            }
            Thread.sleep(50);
        }
    }
}
