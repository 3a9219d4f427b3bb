package org.twofold.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.UUID;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.twofold.simulator.Answer;
import org.twofold.simulator.Appliance;
import org.twofold.simulator.DeviceSimulator;
import org.twofold.simulator.Json;

/**
 * Small set-ups the integration tests share, done through the public protocol only (what an operator,
 * a relying party or a phone would do). Every name is unique, because all tests share one appliance.
 */
public final class Fixtures {

    private Fixtures() {
    }

    /** A fresh name such as {@code sig-3f9a0c1b2d}, valid as a user, operator or relying-party name. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private static final java.util.concurrent.atomic.AtomicInteger ADDRESSES = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * A client address of its own (10.x.y.z) for a test, so that per-source attempt limits of one test
     * never lock out another (the appliance under test trusts X-Forwarded-For from 127.0.0.1).
     */
    public static String uniqueAddress() {
        int n = ADDRESSES.incrementAndGet() + (int) (ProcessHandle.current().pid() % 1000) * 5000;
        return "10." + ((n >> 16) & 0xFF) + "." + ((n >> 8) & 0xFF) + "." + (n & 0xFF);
    }

    /** A loopback port nobody listens on (for "the server is down" cases). */
    public static int unusedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates an identity as admin and answers its activation code. */
    public static String createIdentity(ApplianceServer server, String user) {
        return server.admin().createIdentity(user, user + "@corp.test").expect(201).json().getString("activationCode");
    }

    /** Creates an identity and enrolls its first device. */
    public static DeviceSimulator enrolledUser(ApplianceServer server, String user) {
        return enrolledUser(server, user, "Phone of " + user);
    }

    public static DeviceSimulator enrolledUser(ApplianceServer server, String user, String deviceName) {
        DeviceSimulator phone = server.client().newDevice(deviceName);
        phone.enroll(createIdentity(server, user)).expect(201);
        return phone;
    }

    /** Enrolls one more device of an existing identity (an operator issues a further activation code). */
    public static DeviceSimulator anotherDevice(ApplianceServer server, String user, String deviceName) {
        String code = server.admin().call("POST", "identities/" + user + "/activation-codes", "{}")
                .expect(201).json().getString("activationCode");
        DeviceSimulator device = server.client().newDevice(deviceName);
        device.enroll(code).expect(201);
        return device;
    }

    public static Appliance.RelyingParty relyingParty(ApplianceServer server) {
        return server.admin().createRelyingParty(unique("rp"));
    }

    /** Creates an operator with these roles (as admin, over the REST API) and answers a client acting as it. */
    public static Appliance.Operator operator(ApplianceServer server, String name, String... roles) {
        String password = "pw-" + UUID.randomUUID();
        JsonArrayBuilder roleList = jakarta.json.Json.createArrayBuilder();
        for (String role : roles) {
            roleList.add(role);
        }
        server.admin().call("POST", "operators", Json.object("name", name, "password", password, "roles", roleList.build()))
                .expect(201);
        return server.client().operator(name, password);
    }

    /** The identity as the admin dashboard sees it. */
    public static JsonObject identity(ApplianceServer server, String user) {
        return server.admin().call("GET", "identities/" + user, null).expect(200).json();
    }

    public static String deviceState(ApplianceServer server, String user, String deviceId) {
        return identity(server, user).getJsonArray("devices").getValuesAs(JsonObject.class).stream()
                .filter(device -> device.getString("id").equals(deviceId))
                .map(device -> device.getString("state"))
                .findFirst().orElseThrow(() -> new AssertionError("device " + deviceId + " is not listed for " + user));
    }

    public static long successfulLogins(ApplianceServer server, String user) {
        return identity(server, user).getJsonNumber("successfulLogins").longValue();
    }

    /** A login a relying party started: its id and the number its login page shows. */
    public record Login(String id, String displayNumber) {
    }

    public static Login startLogin(Appliance.RelyingParty party, String user) {
        JsonObject started = party.startLogin(user, "VPN login from 10.1.2.3").expect(201).json();
        return new Login(started.getString("id"), started.getString("displayNumber"));
    }

    /** The login's status as its relying party polls it. */
    public static String loginStatus(Appliance.RelyingParty party, String sessionId) {
        return party.status(sessionId).expect(200).json().getString("status");
    }

    public static String decisionPath(String sessionId) {
        return "/api/v1/device/auth-sessions/" + sessionId + "/decision";
    }

    /** The numbers the device offers for this login (from its inbox). */
    public static List<String> choices(DeviceSimulator device, String sessionId) {
        Answer inbox = device.inbox().expect(200);
        return inbox.json().getJsonArray("pending").getValuesAs(JsonObject.class).stream()
                .filter(item -> item.getString("type").equals("AUTH") && item.getString("id").equals(sessionId))
                .findFirst()
                .map(item -> item.getJsonArray("choices").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList())
                .orElseGet(() -> fail("login " + sessionId + " is not pending in the inbox: " + inbox));
    }

    /** Asserts the login is still waiting for a decision, both for the relying party and on the device. */
    public static void assertStillPending(Appliance.RelyingParty party, Login login) {
        JsonObject status = party.status(login.id()).expect(200).json();
        assertEquals("PENDING", status.getString("status"), () -> "login " + login.id() + ": " + status);
        JsonValue decidedBy = status.get("deviceId");
        assertTrue(decidedBy == null || decidedBy == JsonValue.NULL, () -> "nobody decided login " + login.id() + ": " + status);
    }
}
