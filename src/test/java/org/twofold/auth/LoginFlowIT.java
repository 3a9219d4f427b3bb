package org.twofold.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twofold.simulator.Answer;
import org.twofold.simulator.Appliance;
import org.twofold.simulator.DeviceSimulator;
import org.twofold.testing.ApplianceExtension;
import org.twofold.testing.ApplianceServer;
import org.twofold.testing.Fixtures;

/** A relying party asks, the user's device answers: number matching, inbox and live events, expiry. */
@ExtendWith(ApplianceExtension.class)
class LoginFlowIT {

    private ApplianceServer server;
    private String user;
    private DeviceSimulator phone;
    private Appliance.RelyingParty vpn;

    @BeforeEach
    void enrolledUser(ApplianceServer server) {
        this.server = server;
        user = Fixtures.unique("login");
        phone = Fixtures.enrolledUser(server, user, "Pixel");
        vpn = Fixtures.relyingParty(server);
    }

    @Test
    void loginArrivesLiveAndIsApprovedWithTheRightNumber() throws Exception {
        try (DeviceSimulator.EventStream events = phone.events()) {
            events.awaitOpen();
            JsonObject started = vpn.startLogin(user, "VPN login from 10.1.2.3").expect(201).json();
            assertEquals("PENDING", vpn.status(started.getString("id")).json().getString("status"));

            JsonObject pushed = events.awaitType("AUTH");
            assertEquals(started.getString("id"), pushed.getString("id"));
            assertEquals("VPN login from 10.1.2.3", pushed.getString("context"));
            List<String> choices = pushed.getJsonArray("choices").getValuesAs(JsonString::getString);
            assertEquals(3, choices.size());
            assertEquals(3, choices.stream().distinct().count(), "three different numbers");
            assertTrue(choices.contains(started.getString("displayNumber")));

            Answer decided = phone.decide(started.getString("id"), "APPROVE", started.getString("displayNumber")).expect(200);
            assertEquals("APPROVED", decided.json().getString("status"));
            JsonObject status = vpn.status(started.getString("id")).expect(200).json();
            assertEquals("APPROVED", status.getString("status"));
            assertEquals(user, status.getString("user"));
            assertEquals(phone.deviceId(), status.getString("deviceId"));
            assertFalse(status.isNull("decidedAt"));
        }
    }

    @Test
    void loginIsFoundInTheInboxAndCanBeDenied() {
        JsonObject started = vpn.startLogin(user, "Intranet").expect(201).json();
        JsonObject pending = onlyPending(phone.inbox().expect(200).json());
        assertEquals("AUTH", pending.getString("type"));
        assertEquals(started.getString("id"), pending.getString("id"));
        assertFalse(pending.getString("rp").isBlank());

        assertEquals("DENIED", phone.decide(started.getString("id"), "DENY", null).expect(200).json().getString("status"));
        assertEquals("DENIED", vpn.status(started.getString("id")).json().getString("status"));
        assertTrue(phone.inbox().json().getJsonArray("pending").isEmpty(), "a decided login leaves the inbox");
    }

    @Test
    void cancelledLoginCannotBeApproved() {
        JsonObject started = vpn.startLogin(user, "VPN").expect(201).json();
        vpn.cancel(started.getString("id")).expect(204);
        assertEquals("CANCELLED", vpn.status(started.getString("id")).json().getString("status"));
        assertTrue(phone.inbox().json().getJsonArray("pending").isEmpty());
        Answer late = phone.decide(started.getString("id"), "APPROVE", started.getString("displayNumber"));
        assertEquals(409, late.status());
        assertEquals("auth-session-closed", late.code().orElseThrow());
    }

    @Test
    void restoreIsPromptedFromTheFourthSuccessfulLogin() {
        for (int login = 1; login <= 4; login++) {
            assertFalse(phone.inbox().json().getJsonObject("restore").getBoolean("prompt"),
                    "no prompt before login " + login);
            JsonObject started = vpn.startLogin(user, "login " + login).expect(201).json();
            phone.decide(started.getString("id"), "APPROVE", started.getString("displayNumber")).expect(200);
        }
        JsonObject restore = phone.inbox().json().getJsonObject("restore");
        assertFalse(restore.getBoolean("active"));
        assertTrue(restore.getBoolean("prompt"));
        assertEquals(4, server.admin().call("GET", "identities/" + user, null).json().getInt("successfulLogins"));
    }

    @Test
    void deniedLoginsDoNotCount() {
        JsonObject started = vpn.startLogin(user, "VPN").expect(201).json();
        phone.decide(started.getString("id"), "DENY", null).expect(200);
        assertEquals(0, server.admin().call("GET", "identities/" + user, null).json().getInt("successfulLogins"));
    }

    @Test
    void tooManyWaitingLoginsAreRefused() {
        for (int i = 0; i < 5; i++) {
            vpn.startLogin(user, "push " + i).expect(201);
        }
        Answer sixth = vpn.startLogin(user, "push 6");
        assertEquals(429, sixth.status());
        assertEquals("too-many-attempts", sixth.code().orElseThrow());
        assertEquals(5, phone.inbox().json().getJsonArray("pending").size());
    }

    @Test
    void deactivatedIdentityCannotLogIn() {
        JsonObject started = vpn.startLogin(user, "VPN").expect(201).json();
        server.admin().call("POST", "identities/" + user + "/deactivate", null).expect(200);

        Answer refused = vpn.startLogin(user, "VPN");
        assertEquals(403, refused.status());
        assertEquals("identity-deactivated", refused.code().orElseThrow());
        Answer approve = phone.decide(started.getString("id"), "APPROVE", started.getString("displayNumber"));
        assertEquals(403, approve.status(), "checked again at decision time");
        assertEquals("PENDING", vpn.status(started.getString("id")).json().getString("status"));

        server.admin().call("POST", "identities/" + user + "/reactivate", null).expect(200);
        phone.decide(started.getString("id"), "APPROVE", started.getString("displayNumber")).expect(200);
    }

    private static JsonObject onlyPending(JsonObject inbox) {
        assertEquals(1, inbox.getJsonArray("pending").size(), inbox.toString());
        return inbox.getJsonArray("pending").getJsonObject(0);
    }
}
