package org.twofold.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twofold.testing.Problems.assertProblem;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twofold.simulator.Appliance;
import org.twofold.simulator.DeviceSimulator;
import org.twofold.simulator.Json;
import org.twofold.testing.ApplianceExtension;
import org.twofold.testing.ApplianceServer;
import org.twofold.testing.Fixtures;
import org.twofold.testing.Fixtures.Login;

/**
 * An administrator rotates a relying party's API key (the old key is refused at once, the new one is shown
 * once) or revokes the party (every call of it is refused, its waiting logins end). Only ADMIN may.
 */
@ExtendWith(ApplianceExtension.class)
class RelyingPartyKeysIT {

    @Test
    void afterARotationTheOldKeyIsRefusedAndTheNewOneWorks(ApplianceServer server) {
        String name = Fixtures.unique("rp");
        JsonObject created = server.admin().call("POST", "relying-parties", Json.object("name", name)).expect(201).json();
        Appliance.RelyingParty old = server.client().relyingParty(created.getString("apiKey"));
        String user = Fixtures.unique("rot");
        Fixtures.enrolledUser(server, user);
        old.startLogin(user, "VPN").expect(201);

        JsonObject rotated = server.admin().call("POST", "relying-parties/" + created.getString("id") + "/rotate", null)
                .expect(201).json();

        assertEquals(created.getString("id"), rotated.getString("id"));
        assertEquals(name, rotated.getString("name"));
        assertNotEquals(created.getString("apiKey"), rotated.getString("apiKey"));
        assertTrue(rotated.getString("apiKey").startsWith("tfk_"), rotated::toString);
        assertProblem(old.startLogin(user, "VPN"), 401, "invalid-api-key");
        server.client().relyingParty(rotated.getString("apiKey")).startLogin(user, "VPN").expect(201);
        String listed = server.admin().call("GET", "relying-parties", null).expect(200).body();
        assertFalse(listed.contains(rotated.getString("apiKey")), "the list never shows a key: " + listed);
        assertAudited(server, name, "relying-party.rotate");
    }

    @Test
    void aRevokedPartyIsRefusedAndItsWaitingLoginsEnd(ApplianceServer server) {
        String name = Fixtures.unique("rp");
        JsonObject created = server.admin().call("POST", "relying-parties", Json.object("name", name)).expect(201).json();
        Appliance.RelyingParty party = server.client().relyingParty(created.getString("apiKey"));
        String user = Fixtures.unique("rev");
        DeviceSimulator phone = Fixtures.enrolledUser(server, user);
        Login waiting = Fixtures.startLogin(party, user);

        JsonObject revoked = server.admin().call("POST", "relying-parties/" + created.getString("id") + "/revoke", null)
                .expect(200).json();

        assertTrue(revoked.getBoolean("revoked"), revoked::toString);
        assertFalse(revoked.isNull("revokedAt"), revoked::toString);
        assertProblem(party.startLogin(user, "VPN"), 401, "invalid-api-key");
        assertProblem(party.status(waiting.id()), 401, "invalid-api-key");
        assertProblem(phone.decide(waiting.id(), "APPROVE", waiting.displayNumber()), 409, "auth-session-closed");
        assertTrue(phone.inbox().expect(200).json().getJsonArray("pending").isEmpty(), "the phone no longer asks");
        assertProblem(server.admin().call("POST", "relying-parties/" + created.getString("id") + "/rotate", null),
                409, "relying-party-revoked");
        assertProblem(party.startLogin(user, "VPN"), 401, "invalid-api-key");
        server.admin().call("POST", "relying-parties/" + created.getString("id") + "/revoke", null).expect(200);
        JsonObject listed = server.admin().call("GET", "relying-parties", null).expect(200).array()
                .getValuesAs(JsonObject.class).stream().filter(p -> p.getString("name").equals(name)).findFirst().orElseThrow();
        assertTrue(listed.getBoolean("revoked"));
        assertAudited(server, name, "relying-party.revoke");
    }

    @Test
    void onlyAnAdministratorRotatesOrRevokes(ApplianceServer server) {
        JsonObject created = server.admin().call("POST", "relying-parties", Json.object("name", Fixtures.unique("rp")))
                .expect(201).json();
        Appliance.RelyingParty party = server.client().relyingParty(created.getString("apiKey"));
        String id = created.getString("id");
        String user = Fixtures.unique("hdrp");
        Fixtures.enrolledUser(server, user);

        for (String role : new String[] {"HELPDESK", "SECURITY_OFFICER"}) {
            Appliance.Operator operator = Fixtures.operator(server, Fixtures.unique("op"), role);
            assertProblem(operator.call("POST", "relying-parties/" + id + "/rotate", null), 403, "forbidden");
            assertProblem(operator.call("POST", "relying-parties/" + id + "/revoke", null), 403, "forbidden");
        }
        assertProblem(server.client().request("POST", "api/v1/admin/relying-parties/" + id + "/revoke", null),
                401, "unauthenticated");

        party.startLogin(user, "VPN").expect(201);
        assertProblem(server.admin().call("POST", "relying-parties/" + Fixtures.unique("no-such") + "/rotate", null),
                404, "unknown-relying-party");
        assertProblem(server.admin().call("POST", "relying-parties/" + Fixtures.unique("no-such") + "/revoke", null),
                404, "unknown-relying-party");
    }

    private static void assertAudited(ApplianceServer server, String name, String action) {
        JsonObject entry = server.admin().call("GET", "audit?target=" + URLEncoder.encode("relying-party:" + name,
                StandardCharsets.UTF_8) + "&action=" + action, null).expect(200).array().getJsonObject(0);
        assertEquals("operator:admin", entry.getString("actor"));
        assertEquals("SUCCESS", entry.getString("outcome"));
    }
}
