package org.twofold.auth;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twofold.testing.Fixtures.decisionPath;
import static org.twofold.testing.Problems.assertProblem;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;
import org.twofold.simulator.Answer;
import org.twofold.simulator.Appliance;
import org.twofold.simulator.DeviceSimulator;
import org.twofold.simulator.Json;
import org.twofold.testing.ApplianceExtension;
import org.twofold.testing.ApplianceServer;
import org.twofold.testing.Concurrently;
import org.twofold.testing.Fixtures;
import org.twofold.testing.Fixtures.Login;
import org.twofold.testing.SignedCall;

/**
 * A login is decided once (promise 9: nothing can be raced or replayed). A replayed or late decision is
 * refused with 409 {@code auth-session-closed} and changes nothing; of many decisions at the same moment
 * exactly one wins, and the successful login is counted once.
 */
@ExtendWith(ApplianceExtension.class)
class LoginDecisionRaceIT {

    @Test
    void aDeniedLoginCannotBeApprovedAfterwards(ApplianceServer server) {
        String user = Fixtures.unique("race");
        DeviceSimulator phone = Fixtures.enrolledUser(server, user);
        Appliance.RelyingParty vpn = Fixtures.relyingParty(server);
        Login login = Fixtures.startLogin(vpn, user);
        SignedCall deny = SignedCall.by(server.client(), phone)
                .request("POST", decisionPath(login.id()), Json.object("decision", "DENY"))
                .timestamp(System.currentTimeMillis());
        deny.signature(deny.computeSignature());

        Answer denied = deny.send();
        assertEquals(200, denied.status(), denied::toString);
        assertEquals("DENIED", denied.json().getString("status"));

        assertAll(
                () -> assertClosed(phone.decide(login.id(), "APPROVE", login.displayNumber()), "DENIED"),
                // the very same signed request again, byte for byte
                () -> assertClosed(deny.send(), "DENIED"));

        JsonObject status = vpn.status(login.id()).expect(200).json();
        assertEquals("DENIED", status.getString("status"));
        assertEquals(phone.deviceId(), status.getString("deviceId"));
        assertEquals(0, Fixtures.successfulLogins(server, user));
    }

    @Test
    void anApprovedLoginCannotBeDecidedAgain(ApplianceServer server) {
        String user = Fixtures.unique("race");
        DeviceSimulator phone = Fixtures.enrolledUser(server, user);
        DeviceSimulator laptop = Fixtures.anotherDevice(server, user, "Laptop");
        Appliance.RelyingParty vpn = Fixtures.relyingParty(server);
        Login login = Fixtures.startLogin(vpn, user);
        SignedCall approve = SignedCall.by(server.client(), phone)
                .request("POST", decisionPath(login.id()), Json.object("decision", "APPROVE", "number", login.displayNumber()))
                .timestamp(System.currentTimeMillis());
        approve.signature(approve.computeSignature());

        approve.send().expect(200);

        assertAll(
                () -> assertClosed(approve.send(), "APPROVED"),
                () -> assertClosed(phone.decide(login.id(), "DENY", null), "APPROVED"),
                () -> assertClosed(laptop.decide(login.id(), "APPROVE", login.displayNumber()), "APPROVED"),
                () -> assertClosed(laptop.decide(login.id(), "DENY", null), "APPROVED"));

        JsonObject status = vpn.status(login.id()).expect(200).json();
        assertEquals("APPROVED", status.getString("status"));
        assertEquals(phone.deviceId(), status.getString("deviceId"));
        assertEquals(1, Fixtures.successfulLogins(server, user), "the login is counted once");
    }

    @Test
    void ofTwentyParallelApprovalsFromTwoDevicesExactlyOneWins(ApplianceServer server) {
        String user = Fixtures.unique("race");
        DeviceSimulator phone = Fixtures.enrolledUser(server, user);
        DeviceSimulator laptop = Fixtures.anotherDevice(server, user, "Laptop");
        Appliance.RelyingParty vpn = Fixtures.relyingParty(server);
        Login login = Fixtures.startLogin(vpn, user);
        assertEquals(0, Fixtures.successfulLogins(server, user));

        List<Answer> answers = Concurrently.run(20, i ->
                (i % 2 == 0 ? phone : laptop).decide(login.id(), "APPROVE", login.displayNumber()));

        List<Answer> won = answers.stream().filter(answer -> answer.status() == 200).toList();
        assertEquals(1, won.size(), () -> "exactly one approval wins: " + answers);
        assertEquals("APPROVED", won.get(0).json().getString("status"));
        assertAll(answers.stream().filter(answer -> answer.status() != 200)
                .map(answer -> (Executable) () -> assertClosed(answer, "APPROVED")));

        JsonObject status = vpn.status(login.id()).expect(200).json();
        assertEquals("APPROVED", status.getString("status"));
        assertTrue(List.of(phone.deviceId(), laptop.deviceId()).contains(status.getString("deviceId")), status::toString);
        assertEquals(1, Fixtures.successfulLogins(server, user), "twenty approvals count as one successful login");
    }

    @Test
    void cancelsRacingApprovalsEndInOneConsistentOutcome(ApplianceServer server) {
        String user = Fixtures.unique("race");
        DeviceSimulator phone = Fixtures.enrolledUser(server, user);
        Appliance.RelyingParty vpn = Fixtures.relyingParty(server);
        long counted = 0;
        // a few rounds, because which request wins (and how many collide) differs from run to run
        for (int round = 0; round < 4; round++) {
            Login login = Fixtures.startLogin(vpn, user);
            List<Answer> answers = Concurrently.run(20, i -> i % 2 == 0
                    ? phone.decide(login.id(), "APPROVE", login.displayNumber())
                    : vpn.cancel(login.id()));

            String outcome = Fixtures.loginStatus(vpn, login.id());
            List<Answer> approvals = IntStream.range(0, 20).filter(i -> i % 2 == 0).mapToObj(answers::get).toList();
            List<Answer> cancels = IntStream.range(0, 20).filter(i -> i % 2 == 1).mapToObj(answers::get).toList();
            long approved = approvals.stream().filter(answer -> answer.status() == 200).count();
            assertTrue(outcome.equals("APPROVED") || outcome.equals("CANCELLED"), outcome);
            assertEquals(outcome.equals("APPROVED") ? 1 : 0, approved, () -> outcome + " after " + answers);
            counted += approved;
            assertEquals(counted, Fixtures.successfulLogins(server, user));
            assertAll(approvals.stream().filter(answer -> answer.status() != 200)
                    .map(answer -> (Executable) () -> assertClosed(answer, outcome)));
            // PROTOCOL.md: DELETE answers 204, also when the login ended a moment earlier
            assertAll(cancels.stream().map(answer -> (Executable) () -> assertEquals(204, answer.status(), answer::toString)));
        }
    }

    @Test
    void anExpiredLoginCannotBeApproved(ApplianceServer server) throws InterruptedException {
        String user = Fixtures.unique("race");
        DeviceSimulator phone = Fixtures.enrolledUser(server, user);
        Appliance.RelyingParty vpn = Fixtures.relyingParty(server);
        JsonObject started = vpn.startLogin(user, "VPN login").expect(201).json();
        String id = started.getString("id");
        Instant expiresAt = Instant.parse(started.getString("expiresAt"));
        assertTrue(Duration.between(Instant.now(), expiresAt).toSeconds() <= ApplianceServer.AUTH_SESSION_SECONDS,
                "the test appliance runs with short logins");

        // the one wait of this suite: the login's own lifetime (15 s here)
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), expiresAt).toMillis()) + 500);

        assertClosed(phone.decide(id, "APPROVE", started.getString("displayNumber")), "EXPIRED");
        assertEquals("EXPIRED", Fixtures.loginStatus(vpn, id));
        vpn.cancel(id).expect(204);
        assertEquals("EXPIRED", Fixtures.loginStatus(vpn, id), "cancelling an ended login changes nothing");
        assertTrue(phone.inbox().expect(200).json().getJsonArray("pending").isEmpty(), "an expired login is no longer offered");
        assertEquals(0, Fixtures.successfulLogins(server, user));
    }

    /** 409 auth-session-closed; the problem tells the session's status as it stays. */
    private static void assertClosed(Answer answer, String sessionStatus) {
        JsonObject problem = assertProblem(answer, 409, "auth-session-closed");
        assertEquals(sessionStatus, problem.getString("sessionStatus", null), () -> "session status in " + answer);
    }
}
