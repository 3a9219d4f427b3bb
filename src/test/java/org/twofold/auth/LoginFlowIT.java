package org.twofold.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twofold.simulator.Appliance;
import org.twofold.simulator.DeviceSimulator;
import org.twofold.testing.ApplianceExtension;
import org.twofold.testing.ApplianceServer;

@ExtendWith(ApplianceExtension.class)
class LoginFlowIT {

    @Test
    void enrolledDeviceApprovesLoginWithTheRightNumber(ApplianceServer server) throws Exception {
        Appliance appliance = server.client();
        String user = "u" + UUID.randomUUID().toString().substring(0, 8);
        String code = server.admin().createIdentity(user, user + "@corp.test").expect(201).json().getString("activationCode");
        DeviceSimulator phone = appliance.newDevice("Pixel");
        phone.enroll(code).expect(201);
        Appliance.RelyingParty vpn = server.admin().createRelyingParty("vpn-" + user);

        try (DeviceSimulator.EventStream events = phone.events()) {
            Thread.sleep(500);
            JsonObject started = vpn.startLogin(user, "VPN login from 10.1.2.3").expect(201).json();
            JsonObject pushed = events.next(10, TimeUnit.SECONDS);
            assertNotNull(pushed, "the login arrives on the event stream");
            assertEquals(started.getString("id"), pushed.getString("id"));
            assertTrue(pushed.getJsonArray("choices").toString().contains(started.getString("displayNumber")));
            phone.decide(started.getString("id"), "APPROVE", started.getString("displayNumber")).expect(200);
            assertEquals("APPROVED", vpn.status(started.getString("id")).expect(200).json().getString("status"));
        }
    }
}
