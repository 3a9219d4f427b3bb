package org.twofold.operator;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twofold.testing.Problems.assertProblem;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

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
import org.twofold.testing.Fixtures;

/**
 * The admin API is for operators only (HTTP Basic), and each role may do exactly what PROTOCOL.md's
 * administration table says: HELPDESK manages identities and devices, SECURITY_OFFICER reads the audit,
 * only ADMIN manages operators and relying parties. A refused call changes nothing.
 */
@ExtendWith(ApplianceExtension.class)
class OperatorRoleIT {

    private static final String ADMIN = "api/v1/admin/";

    /** Every admin call that exists today, with a body that would succeed for an ADMIN. */
    private static List<String[]> adminCalls(String user, String deviceId, String operatorName, String newName) {
        return List.of(
                new String[] {"POST", "identities", Json.object("user", newName)},
                new String[] {"POST", "identities/" + user + "/activation-codes", "{}"},
                new String[] {"GET", "identities/" + user, null},
                new String[] {"POST", "identities/" + user + "/deactivate", null},
                new String[] {"POST", "identities/" + user + "/reactivate", null},
                new String[] {"DELETE", "devices/" + deviceId, null},
                new String[] {"POST", "operators", Json.object("name", newName,
                        "password", "a-long-enough-password", "roles", jakarta.json.Json.createArrayBuilder().add("ADMIN").build())},
                new String[] {"GET", "operators", null},
                new String[] {"DELETE", "operators/" + operatorName, null},
                new String[] {"PUT", "operators/" + operatorName + "/roles", "{\"roles\":[\"ADMIN\"]}"},
                new String[] {"PUT", "operators/" + operatorName + "/password", "{\"password\":\"a-long-enough-password\"}"},
                new String[] {"POST", "relying-parties", Json.object("name", newName)},
                new String[] {"GET", "relying-parties", null},
                new String[] {"POST", "relying-parties/" + newName + "/rotate", null},
                new String[] {"POST", "relying-parties/" + newName + "/revoke", null},
                new String[] {"GET", "mail", null},
                new String[] {"POST", "mail/test", Json.object("recipient", newName + "@corp.test")},
                new String[] {"GET", "audit/export", null},
                new String[] {"GET", "audit", null},
                new String[] {"GET", "audit/verification", null},
                new String[] {"GET", "policies", null},
                new String[] {"PUT", "policies/" + newName, "{\"priority\":999999,\"restoreAllowed\":false}"},
                new String[] {"DELETE", "policies/default", null},
                new String[] {"GET", "identities/" + user + "/effective-policy", null},
                new String[] {"POST", "identities/" + user + "/restore-code", "{\"channel\":\"PHONE\"}"},
                new String[] {"GET", "approvals", null},
                new String[] {"GET", "letters", null},
                new String[] {"POST", "letters/batches", null},
                new String[] {"GET", "restore-code-deliveries?channel=PHONE", null},
                new String[] {"GET", "directory/connections", null},
                new String[] {"POST", "directory/connections", "{}"});
    }

    @Test
    void everyAdminCallWithoutCredentialsIs401WithABasicChallenge(ApplianceServer server) {
        Appliance appliance = server.client();
        String user = Fixtures.unique("ops");
        DeviceSimulator phone = Fixtures.enrolledUser(server, user);
        String helpdesk = Fixtures.unique("hd");
        Fixtures.operator(server, helpdesk, "HELPDESK");
        String newName = Fixtures.unique("never");

        List<Executable> checks = new ArrayList<>();
        for (String[] call : adminCalls(user, phone.deviceId(), helpdesk, newName)) {
            checks.add(() -> assertUnauthenticated(appliance.request(call[0], ADMIN + call[1], call[2]), call));
        }
        assertAll(checks);

        assertNothingChanged(server, user, phone, helpdesk, newName);
    }

    @Test
    void wrongCredentialsAre401(ApplianceServer server) {
        Appliance appliance = server.client();
        String user = Fixtures.unique("ops");
        DeviceSimulator phone = Fixtures.enrolledUser(server, user);
        String helpdesk = Fixtures.unique("hd");
        Fixtures.operator(server, helpdesk, "HELPDESK");
        String apiKey = server.admin().call("POST", "relying-parties", Json.object("name", Fixtures.unique("rp")))
                .expect(201).json().getString("apiKey");
        List<String> authorizations = List.of(
                basic("admin", server.adminPassword() + "x"),
                basic("admin", ""),
                basic("Admin", server.adminPassword()),
                basic("nobody-" + helpdesk, server.adminPassword()),
                basic(helpdesk, server.adminPassword()),
                "Basic " + Base64.getEncoder().encodeToString(("admin" + server.adminPassword()).getBytes(StandardCharsets.UTF_8)),
                "Basic not-base64!",
                "Basic",
                "Bearer " + apiKey,
                "Device " + phone.token());

        List<Executable> checks = new ArrayList<>();
        for (String authorization : authorizations) {
            checks.add(() -> assertUnauthenticated(appliance.request("GET", ADMIN + "identities/" + user, null,
                    "Authorization", authorization), new String[] {"GET", authorization}));
            checks.add(() -> assertUnauthenticated(appliance.request("POST", ADMIN + "identities/" + user + "/deactivate", null,
                    "Authorization", authorization), new String[] {"POST deactivate", authorization}));
        }
        assertAll(checks);
        assertEquals("ACTIVE", Fixtures.identity(server, user).getString("status"));
    }

    @Test
    void helpdeskCannotManageOperatorsRelyingPartiesOrReadTheAudit(ApplianceServer server) {
        String helpdeskName = Fixtures.unique("hd");
        Appliance.Operator helpdesk = Fixtures.operator(server, helpdeskName, "HELPDESK");
        String otherOperator = Fixtures.unique("hd");
        Fixtures.operator(server, otherOperator, "HELPDESK");
        String newOperator = Fixtures.unique("never");
        String newParty = Fixtures.unique("never");

        assertAll(
                () -> assertForbidden(helpdesk.call("POST", "operators", Json.object("name", newOperator,
                        "password", "a-long-enough-password", "roles", jakarta.json.Json.createArrayBuilder().add("ADMIN").build()))),
                () -> assertForbidden(helpdesk.call("GET", "operators", null)),
                () -> assertForbidden(helpdesk.call("DELETE", "operators/" + otherOperator, null)),
                () -> assertForbidden(helpdesk.call("POST", "relying-parties", Json.object("name", newParty))),
                () -> assertForbidden(helpdesk.call("GET", "relying-parties", null)),
                () -> assertForbidden(helpdesk.call("GET", "audit", null)),
                () -> assertForbidden(helpdesk.call("GET", "audit/verification", null)));

        String operators = server.admin().call("GET", "operators", null).expect(200).body();
        assertFalse(operators.contains(newOperator), "no operator was created: " + operators);
        assertTrue(operators.contains(otherOperator), "no operator was deleted: " + operators);
        assertFalse(server.admin().call("GET", "relying-parties", null).expect(200).body().contains(newParty));
    }

    @Test
    void helpdeskManagesIdentitiesAndDevices(ApplianceServer server) {
        Appliance.Operator helpdesk = Fixtures.operator(server, Fixtures.unique("hd"), "HELPDESK");
        String user = Fixtures.unique("ops");

        Answer created = helpdesk.createIdentity(user, user + "@corp.test");
        assertEquals(201, created.status(), created::toString);
        DeviceSimulator phone = server.client().newDevice("Phone");
        phone.enroll(created.json().getString("activationCode")).expect(201);
        Answer another = helpdesk.call("POST", "identities/" + user + "/activation-codes", "{}");
        assertEquals(201, another.status(), another::toString);
        assertNotNull(another.json().getString("activationCode"));
        assertEquals("ACTIVE", helpdesk.call("GET", "identities/" + user, null).expect(200).json().getString("status"));
        assertEquals("DEACTIVATED", helpdesk.call("POST", "identities/" + user + "/deactivate", null).expect(200).json().getString("status"));
        assertEquals("ACTIVE", helpdesk.call("POST", "identities/" + user + "/reactivate", null).expect(200).json().getString("status"));

        helpdesk.call("DELETE", "devices/" + phone.deviceId(), null).expect(204);

        assertEquals("UNPAIRED", Fixtures.deviceState(server, user, phone.deviceId()));
        assertProblem(phone.inbox(), 410, "device-removed");
    }

    @Test
    void aSecurityOfficerReadsTheAuditButCannotManageIdentitiesOrOperators(ApplianceServer server) {
        Appliance.Operator officer = Fixtures.operator(server, Fixtures.unique("so"), "SECURITY_OFFICER");
        String user = Fixtures.unique("ops");
        DeviceSimulator phone = Fixtures.enrolledUser(server, user);
        String notCreated = Fixtures.unique("never");

        Answer audit = officer.call("GET", "audit", null);
        assertEquals(200, audit.status(), audit::toString);
        assertFalse(audit.array().isEmpty());
        assertEquals(200, officer.call("GET", "audit/verification", null).status());
        assertEquals(user, officer.call("GET", "identities/" + user, null).expect(200).json().getString("user"),
                "any operator may look an identity up");

        assertAll(
                () -> assertForbidden(officer.createIdentity(notCreated, notCreated + "@corp.test")),
                () -> assertForbidden(officer.call("POST", "identities/" + user + "/activation-codes", "{}")),
                () -> assertForbidden(officer.call("POST", "identities/" + user + "/deactivate", null)),
                () -> assertForbidden(officer.call("DELETE", "devices/" + phone.deviceId(), null)),
                () -> assertForbidden(officer.call("POST", "operators", Json.object("name", Fixtures.unique("never"),
                        "password", "a-long-enough-password", "roles", jakarta.json.Json.createArrayBuilder().add("HELPDESK").build()))),
                () -> assertForbidden(officer.call("POST", "relying-parties", Json.object("name", Fixtures.unique("never")))));

        assertProblem(server.admin().call("GET", "identities/" + notCreated, null), 404, "unknown-user");
        assertEquals("ACTIVE", Fixtures.identity(server, user).getString("status"));
        assertEquals("ACTIVE", Fixtures.deviceState(server, user, phone.deviceId()));
        phone.inbox().expect(200);
    }

    @Test
    void aDeletedOperatorIsLockedOutAtOnce(ApplianceServer server) {
        String name = Fixtures.unique("hd");
        Appliance.Operator helpdesk = Fixtures.operator(server, name, "HELPDESK");
        String user = Fixtures.unique("ops");
        Fixtures.createIdentity(server, user);
        helpdesk.call("GET", "identities/" + user, null).expect(200);

        server.admin().call("DELETE", "operators/" + name, null).expect(204);

        assertUnauthenticated(helpdesk.call("GET", "identities/" + user, null), new String[] {"GET after deletion"});
    }

    @Test
    void operatorsCannotLockTheAdministrationOut(ApplianceServer server) {
        assertProblem(server.admin().call("DELETE", "operators/admin", null), 409, "cannot-delete-self");
        assertProblem(server.admin().call("DELETE", "operators/" + Fixtures.unique("nobody"), null), 404, "unknown-operator");
        server.admin().call("GET", "operators", null).expect(200);
    }

    private static void assertUnauthenticated(Answer answer, String[] call) {
        JsonObject problem = assertProblem(answer, 401, "unauthenticated");
        String challenge = answer.header("WWW-Authenticate");
        assertNotNull(challenge, () -> "no WWW-Authenticate on 401 for " + String.join(" ", call));
        assertTrue(challenge.startsWith("Basic"), () -> "challenge " + challenge + " for " + String.join(" ", call));
        assertNotNull(problem);
    }

    private static void assertForbidden(Answer answer) {
        assertProblem(answer, 403, "forbidden");
    }

    private static void assertNothingChanged(ApplianceServer server, String user, DeviceSimulator phone, String operator,
                                             String newName) {
        JsonObject identity = Fixtures.identity(server, user);
        assertEquals("ACTIVE", identity.getString("status"));
        assertEquals(1, identity.getJsonArray("devices").size(), "no activation code was issued and used");
        assertEquals("ACTIVE", Fixtures.deviceState(server, user, phone.deviceId()));
        String operators = server.admin().call("GET", "operators", null).expect(200).body();
        assertTrue(operators.contains(operator), "no operator was deleted: " + operators);
        assertTrue(operators.contains("\"name\":\"" + operator + "\",\"roles\":[\"HELPDESK\"]"),
                "no role was given: " + operators);
        assertFalse(operators.contains(newName), "no operator was created: " + operators);
        assertFalse(server.admin().call("GET", "relying-parties", null).expect(200).body().contains(newName),
                "no relying party was created");
        assertTrue(server.mail().mailsTo(newName + "@corp.test").isEmpty(), "no test mail was sent");
        assertProblem(server.admin().call("GET", "identities/" + newName, null), 404, "unknown-user");
    }

    private static String basic(String name, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
