package org.twofold.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twofold.testing.Problems.assertProblem;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twofold.simulator.Appliance;
import org.twofold.testing.ApplianceExtension;
import org.twofold.testing.ApplianceServer;
import org.twofold.testing.Fixtures;

/**
 * Administrators change an operator's roles and password over the admin API: the change counts from the
 * operator's very next call, and nobody can leave the appliance without an administrator.
 */
@ExtendWith(ApplianceExtension.class)
class OperatorAccountsIT {

    @Test
    void newRolesCountFromTheNextCall(ApplianceServer server) {
        String name = Fixtures.unique("hd");
        Appliance.Operator operator = Fixtures.operator(server, name, "HELPDESK");
        String user = Fixtures.unique("roles");
        Fixtures.createIdentity(server, user);
        operator.call("POST", "identities/" + user + "/deactivate", null).expect(200);
        assertProblem(operator.call("GET", "audit", null), 403, "forbidden");

        JsonObject changed = server.admin().call("PUT", "operators/" + name + "/roles", roles("SECURITY_OFFICER"))
                .expect(200).json();

        assertEquals(List.of("SECURITY_OFFICER"), roleNames(changed));
        assertProblem(operator.call("POST", "identities/" + user + "/reactivate", null), 403, "forbidden");
        operator.call("GET", "audit", null).expect(200);
        assertEquals(List.of("SECURITY_OFFICER"), roleNames(listed(server, name)));
        JsonObject entry = audit(server, name, "operator.roles");
        assertEquals("[HELPDESK] -> [SECURITY_OFFICER]", entry.getString("detail"));
    }

    @Test
    void aNewPasswordReplacesTheOldOneAtOnce(ApplianceServer server) {
        String name = Fixtures.unique("hd");
        Appliance.Operator before = Fixtures.operator(server, name, "HELPDESK");
        before.call("GET", "approvals", null).expect(200);
        String password = "new-" + UUID.randomUUID();

        assertProblem(server.admin().call("PUT", "operators/" + name + "/password", password("too-short")),
                400, "invalid-request");
        before.call("GET", "approvals", null).expect(200);
        server.admin().call("PUT", "operators/" + name + "/password", password(password)).expect(204);

        assertProblem(before.call("GET", "approvals", null), 401, "unauthenticated");
        server.client().operator(name, password).call("GET", "approvals", null).expect(200);
        audit(server, name, "operator.password");
        assertTrue(audit(server, name, "operator.password").isNull("detail"), "the audit never holds the password");
    }

    @Test
    void nobodyLeavesTheApplianceWithoutAnAdministrator(ApplianceServer server) {
        String name = Fixtures.unique("adm");
        Appliance.Operator admin = Fixtures.operator(server, name, "ADMIN");

        assertProblem(admin.call("PUT", "operators/" + name + "/roles", roles("HELPDESK")), 409, "cannot-demote-self");
        assertProblem(admin.call("DELETE", "operators/" + name, null), 409, "cannot-delete-self");
        assertProblem(admin.call("PUT", "operators/" + name + "/roles", "{\"roles\":[]}"), 400, "invalid-request");
        assertProblem(admin.call("PUT", "operators/" + name + "/roles", roles("ROOT")), 400, "invalid-request");
        assertProblem(admin.call("PUT", "operators/" + Fixtures.unique("nobody") + "/roles", roles("HELPDESK")),
                404, "unknown-operator");
        assertProblem(admin.call("PUT", "operators/" + Fixtures.unique("nobody") + "/password",
                password("long-enough-password")), 404, "unknown-operator");
        assertEquals(List.of("ADMIN"), roleNames(listed(server, name)));

        admin.call("PUT", "operators/" + name + "/roles", roles("ADMIN", "HELPDESK")).expect(200);
        server.admin().call("PUT", "operators/" + name + "/roles", roles("HELPDESK")).expect(200);
        assertProblem(admin.call("GET", "operators", null), 403, "forbidden");
    }

    @Test
    void onlyAnAdministratorChangesRolesOrPasswords(ApplianceServer server) {
        String target = Fixtures.unique("hd");
        Fixtures.operator(server, target, "HELPDESK");
        for (String role : new String[] {"HELPDESK", "SECURITY_OFFICER"}) {
            String name = Fixtures.unique("op");
            Appliance.Operator operator = Fixtures.operator(server, name, role);
            assertProblem(operator.call("PUT", "operators/" + target + "/roles", roles("ADMIN")), 403, "forbidden");
            assertProblem(operator.call("PUT", "operators/" + name + "/roles", roles("ADMIN")), 403, "forbidden");
            assertProblem(operator.call("PUT", "operators/" + target + "/password", password("long-enough-password")),
                    403, "forbidden");
        }
        assertEquals(List.of("HELPDESK"), roleNames(listed(server, target)));
    }

    private static String roles(String... roles) {
        return Json.createObjectBuilder().add("roles", Json.createArrayBuilder(List.of(roles))).build().toString();
    }

    private static String password(String password) {
        return Json.createObjectBuilder().add("password", password).build().toString();
    }

    private static List<String> roleNames(JsonObject operator) {
        return operator.getJsonArray("roles").getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    private static JsonObject listed(ApplianceServer server, String name) {
        return server.admin().call("GET", "operators", null).expect(200).array().getValuesAs(JsonObject.class).stream()
                .filter(operator -> operator.getString("name").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " is not listed"));
    }

    private static JsonObject audit(ApplianceServer server, String name, String action) {
        List<JsonObject> entries = server.admin().call("GET", "audit?target="
                        + URLEncoder.encode("operator:" + name, StandardCharsets.UTF_8) + "&action=" + action, null)
                .expect(200).array().getValuesAs(JsonObject.class);
        assertEquals(1, entries.size(), () -> action + " of " + name + ": " + entries);
        assertEquals("operator:admin", entries.get(0).getString("actor"));
        return entries.get(0);
    }
}
