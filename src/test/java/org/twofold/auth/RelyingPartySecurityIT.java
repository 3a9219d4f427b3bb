package org.twofold.auth;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twofold.testing.Fixtures.assertStillPending;
import static org.twofold.testing.Problems.assertProblem;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

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

/**
 * The relying-party API (Bearer API key). Relying parties are trusted to learn why a login cannot start
 * (PROTOCOL.md: unknown-user, no-active-device, identity-deactivated), but a relying party sees and
 * cancels only its own logins, nothing works without a valid API key, and a user cannot be flooded with
 * login requests.
 */
@ExtendWith(ApplianceExtension.class)
class RelyingPartySecurityIT {

    private static final String SESSIONS = "api/v1/rp/auth-sessions";

    @Test
    void aLoginForAnUnknownUserIs404UnknownUser(ApplianceServer server) {
        Appliance.RelyingParty vpn = Fixtures.relyingParty(server);

        assertAll(Stream.of(Fixtures.unique("nobody"), "' OR '1'='1", "admin", "x".repeat(200), "nobody@corp.test")
                .map(user -> (Executable) () -> assertProblem(vpn.startLogin(user, "VPN"), 404, "unknown-user")));
    }

    @Test
    void aLoginForAUserWithoutAnActiveDeviceIs409NoActiveDevice(ApplianceServer server) {
        Appliance.RelyingParty vpn = Fixtures.relyingParty(server);
        String neverEnrolled = Fixtures.unique("rps");
        Fixtures.createIdentity(server, neverEnrolled);
        String unpaired = Fixtures.unique("rps");
        DeviceSimulator phone = Fixtures.enrolledUser(server, unpaired);
        server.admin().call("DELETE", "devices/" + phone.deviceId(), null).expect(204);

        assertProblem(vpn.startLogin(neverEnrolled, "VPN"), 409, "no-active-device");
        assertProblem(vpn.startLogin(unpaired, "VPN"), 409, "no-active-device");
    }

    @Test
    void aDeactivatedIdentityCannotStartOrFinishALogin(ApplianceServer server) {
        String user = Fixtures.unique("rps");
        DeviceSimulator phone = Fixtures.enrolledUser(server, user);
        Appliance.RelyingParty vpn = Fixtures.relyingParty(server);
        Login waiting = Fixtures.startLogin(vpn, user);

        server.admin().call("POST", "identities/" + user + "/deactivate", null).expect(200);

        assertProblem(vpn.startLogin(user, "VPN"), 403, "identity-deactivated");
        assertProblem(phone.decide(waiting.id(), "APPROVE", waiting.displayNumber()), 403, "identity-deactivated");
        assertStillPending(vpn, waiting);
        assertEquals(0, Fixtures.successfulLogins(server, user));

        server.admin().call("POST", "identities/" + user + "/reactivate", null).expect(200);
        Login after = Fixtures.startLogin(vpn, user);
        phone.decide(after.id(), "APPROVE", after.displayNumber()).expect(200);
    }

    @Test
    void aRelyingPartyCannotReadOrCancelAnotherRelyingPartysLogin(ApplianceServer server) {
        String user = Fixtures.unique("rps");
        DeviceSimulator phone = Fixtures.enrolledUser(server, user);
        Appliance.RelyingParty vpn = Fixtures.relyingParty(server);
        Appliance.RelyingParty intranet = Fixtures.relyingParty(server);
        Login login = Fixtures.startLogin(vpn, user);

        assertAll(
                () -> assertEquals(assertProblem(intranet.status(UUID.randomUUID().toString()), 404, "unknown-auth-session"),
                        assertProblem(intranet.status(login.id()), 404, "unknown-auth-session"),
                        "another relying party's login is answered like a login that does not exist"),
                () -> assertProblem(intranet.cancel(login.id()), 404, "unknown-auth-session"));
        assertStillPending(vpn, login);

        phone.decide(login.id(), "APPROVE", login.displayNumber()).expect(200);
        assertProblem(intranet.status(login.id()), 404, "unknown-auth-session");
        assertEquals("APPROVED", Fixtures.loginStatus(vpn, login.id()));
    }

    @Test
    void unknownLoginIdsAre404(ApplianceServer server) {
        Appliance.RelyingParty vpn = Fixtures.relyingParty(server);
        List<Executable> checks = new ArrayList<>();
        for (String id : List.of(UUID.randomUUID().toString(), "garbage", "x".repeat(300), "'%20OR%20'1'='1")) {
            checks.add(() -> assertProblem(vpn.status(id), 404, "unknown-auth-session"));
            checks.add(() -> assertProblem(vpn.cancel(id), 404, "unknown-auth-session"));
        }
        assertAll(checks);
    }

    @Test
    void everyRelyingPartyCallNeedsAValidApiKey(ApplianceServer server) {
        Appliance appliance = server.client();
        String user = Fixtures.unique("rps");
        DeviceSimulator phone = Fixtures.enrolledUser(server, user);
        Appliance.RelyingParty vpn = Fixtures.relyingParty(server);
        Login login = Fixtures.startLogin(vpn, user);
        String apiKey = server.admin().call("POST", "relying-parties", Json.object("name", Fixtures.unique("rp")))
                .expect(201).json().getString("apiKey");
        String basicAdmin = "Basic " + Base64.getEncoder().encodeToString(("admin:" + server.adminPassword()).getBytes());
        List<String[]> wrongAuthorizations = List.of(
                new String[0],
                new String[] {"Authorization", "Bearer"},
                new String[] {"Authorization", "Bearer garbage"},
                new String[] {"Authorization", "Bearer " + apiKey + "x"},
                new String[] {"Authorization", "Bearer " + apiKey.substring(0, apiKey.length() - 1)},
                new String[] {"Authorization", apiKey},
                new String[] {"Authorization", basicAdmin},
                new String[] {"Authorization", "Device " + phone.token()});
        String start = Json.object("user", user, "context", "VPN");

        List<Executable> checks = new ArrayList<>();
        for (String[] headers : wrongAuthorizations) {
            checks.add(() -> assertProblem(appliance.request("POST", SESSIONS, start, headers), 401, "invalid-api-key"));
            checks.add(() -> assertProblem(appliance.request("GET", SESSIONS + "/" + login.id(), null, headers), 401, "invalid-api-key"));
            checks.add(() -> assertProblem(appliance.request("DELETE", SESSIONS + "/" + login.id(), null, headers), 401, "invalid-api-key"));
        }
        assertAll(checks);

        assertStillPending(vpn, login);
        assertEquals(1, phone.inbox().expect(200).json().getJsonArray("pending").size(), "no login was started");
    }

    @Test
    void aUserCannotBeFloodedWithLoginRequests(ApplianceServer server) {
        String user = Fixtures.unique("rps");
        DeviceSimulator phone = Fixtures.enrolledUser(server, user);
        Appliance.RelyingParty vpn = Fixtures.relyingParty(server);
        for (int i = 0; i < 5; i++) {
            Fixtures.startLogin(vpn, user);
        }

        assertProblem(vpn.startLogin(user, "VPN"), 429, "too-many-attempts");
        assertProblem(Fixtures.relyingParty(server).startLogin(user, "another relying party"), 429, "too-many-attempts");
        assertEquals(5, phone.inbox().expect(200).json().getJsonArray("pending").size());
        assertTrue(phone.inbox().expect(200).json().getJsonArray("pending").stream().noneMatch(
                item -> item.toString().contains("another relying party")));
    }
}
