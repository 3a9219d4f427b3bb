package org.twofold.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.twofold.testing.Fixtures.assertStillPending;
import static org.twofold.testing.Problems.assertProblem;

import java.util.List;
import java.util.stream.IntStream;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twofold.simulator.Answer;
import org.twofold.simulator.Appliance;
import org.twofold.simulator.DeviceSimulator;
import org.twofold.testing.ApplianceExtension;
import org.twofold.testing.ApplianceServer;
import org.twofold.testing.Fixtures;
import org.twofold.testing.Fixtures.Login;

/**
 * Number matching: approving with any number but the one the login page shows denies the login (the user
 * was misled or is guessing), once and for good, and the relying party sees DENIED.
 */
@ExtendWith(ApplianceExtension.class)
class NumberMatchingSecurityIT {

    @Test
    void approvingWithAnotherOfferedNumberDeniesTheLogin(ApplianceServer server) {
        String user = Fixtures.unique("num");
        DeviceSimulator phone = Fixtures.enrolledUser(server, user);
        Appliance.RelyingParty vpn = Fixtures.relyingParty(server);
        Login login = Fixtures.startLogin(vpn, user);
        List<String> choices = Fixtures.choices(phone, login.id());
        assertEquals(3, choices.size(), choices::toString);
        String decoy = choices.stream().filter(number -> !number.equals(login.displayNumber())).findFirst().orElseThrow();

        Answer answer = phone.decide(login.id(), "APPROVE", decoy);

        assertEquals(200, answer.status(), answer::toString);
        assertEquals("DENIED", answer.json().getString("status"));
        JsonObject status = vpn.status(login.id()).expect(200).json();
        assertEquals("DENIED", status.getString("status"));
        assertEquals(phone.deviceId(), status.getString("deviceId"));
        // no second guess: the right number afterwards does not turn the denial around
        JsonObject closed = assertProblem(phone.decide(login.id(), "APPROVE", login.displayNumber()), 409, "auth-session-closed");
        assertEquals("DENIED", closed.getString("sessionStatus"));
        assertEquals("DENIED", Fixtures.loginStatus(vpn, login.id()));
        assertEquals(0, Fixtures.successfulLogins(server, user));

        JsonObject audited = server.admin().call("GET", "audit?action=login.decide&limit=500", null).expect(200).array()
                .getValuesAs(JsonObject.class).stream()
                .filter(entry -> entry.getString("target").contains(login.id())).findFirst().orElseThrow();
        assertEquals("DENIED", audited.getString("outcome"));
        assertEquals("wrong number picked", audited.getString("detail"));
    }

    @Test
    void approvingWithANumberThatWasNeverOfferedDeniesTheLogin(ApplianceServer server) {
        String user = Fixtures.unique("num");
        DeviceSimulator phone = Fixtures.enrolledUser(server, user);
        Appliance.RelyingParty vpn = Fixtures.relyingParty(server);
        Login login = Fixtures.startLogin(vpn, user);
        List<String> choices = Fixtures.choices(phone, login.id());
        String neverOffered = IntStream.range(10, 100).mapToObj(Integer::toString)
                .filter(number -> !choices.contains(number)).findFirst().orElseThrow();

        Answer answer = phone.decide(login.id(), "APPROVE", neverOffered);

        assertEquals(200, answer.status(), answer::toString);
        assertEquals("DENIED", answer.json().getString("status"));
        assertEquals("DENIED", Fixtures.loginStatus(vpn, login.id()));
        assertEquals(0, Fixtures.successfulLogins(server, user));
    }

    @Test
    void anApprovalWithoutANumberDecidesNothing(ApplianceServer server) {
        String user = Fixtures.unique("num");
        DeviceSimulator phone = Fixtures.enrolledUser(server, user);
        Appliance.RelyingParty vpn = Fixtures.relyingParty(server);
        Login login = Fixtures.startLogin(vpn, user);

        assertProblem(phone.decide(login.id(), "APPROVE", null), 400, "invalid-request");

        assertStillPending(vpn, login);
        assertFalse(Fixtures.choices(phone, login.id()).isEmpty(), "the login is still offered on the phone");
        phone.decide(login.id(), "APPROVE", login.displayNumber()).expect(200);
        assertEquals("APPROVED", Fixtures.loginStatus(vpn, login.id()));
    }
}
