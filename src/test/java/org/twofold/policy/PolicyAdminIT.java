package org.twofold.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twofold.testing.Problems.assertProblem;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twofold.simulator.Answer;
import org.twofold.simulator.Appliance;
import org.twofold.testing.ApplianceExtension;
import org.twofold.testing.ApplianceServer;
import org.twofold.testing.Fixtures;
import org.twofold.testing.PolicyFixtures;

/**
 * Security officers write restore policies over {@code /admin/policies}: every change is a version of its
 * own with author and change, audited, and can be rolled back; the effective policy of a user says which
 * policy decided each setting.
 */
@ExtendWith(ApplianceExtension.class)
class PolicyAdminIT {

    @Test
    void theDefaultPolicyIsInstalledWithTheProtocolDefaults(ApplianceServer server) {
        JsonObject policy = server.admin().call("GET", "policies/default", null).expect(200).json();

        assertEquals(0, policy.getInt("priority"));
        assertTrue(policy.getBoolean("restoreAllowed"));
        assertTrue(policy.getBoolean("duplicationAllowed"));
        assertTrue(policy.getBoolean("autoWipeOldDevices"));
        assertTrue(policy.getBoolean("keepOldDevicesAllowed"));
        assertEquals("DEVICE_DISPLAY", policy.getString("restoreCodeDelivery"));
        assertEquals("EMAIL", policy.getString("otpChannel"));
        assertFalse(policy.getBoolean("autoActivateForNewUsers"));
        assertEquals("NONE", policy.getString("activationCodeDelivery"), "added by an upgrade migration");
        assertEquals(List.of("IN_PERSON", "PHONE"), strings(policy, "lostCodeReissueChannels"));
        assertFalse(policy.getBoolean("reissueNeedsSecondOperator"));
        assertEquals(5, policy.getInt("maxDevicesPerIdentity"));
        assertTrue(server.admin().call("GET", "policies", null).expect(200).array().getValuesAs(JsonObject.class).stream()
                .anyMatch(p -> p.getString("name").equals("default")));
    }

    @Test
    void everyChangeIsAVersionWithAuthorAndChangeAndCanBeRolledBack(ApplianceServer server) {
        String officerName = Fixtures.unique("so");
        Appliance.Operator officer = Fixtures.operator(server, officerName, "SECURITY_OFFICER");
        String name = Fixtures.unique("sales");
        int priority = PolicyFixtures.uniquePriority();

        Answer created = officer.call("PUT", "policies/" + name, "{\"priority\":" + priority
                + ",\"groups\":[\"CN=Sales,OU=Groups,DC=corp,DC=test\"],\"restoreAllowed\":false}");
        assertEquals(201, created.status(), created::toString);
        assertEquals(1, created.json().getInt("version"));
        assertFalse(created.json().containsKey("autoWipeOldDevices"), "left out: inherited");

        Answer changed = officer.call("PUT", "policies/" + name, "{\"version\":1,\"priority\":" + priority
                + ",\"groups\":[\"CN=Sales,OU=Groups,DC=corp,DC=test\"],\"restoreAllowed\":true,\"maxDevicesPerIdentity\":2}");
        assertEquals(200, changed.status(), changed::toString);
        assertEquals(2, changed.json().getInt("version"));
        String note = changed.json().getString("changeNote");
        assertTrue(note.contains("restoreAllowed: false -> true") && note.contains("maxDevicesPerIdentity: (inherited) -> 2"), note);

        assertProblem(officer.call("PUT", "policies/" + name, "{\"version\":1,\"priority\":" + priority + "}"), 409, "policy-changed");

        List<JsonObject> versions = officer.call("GET", "policies/" + name + "/versions", null).expect(200).array()
                .getValuesAs(JsonObject.class);
        assertEquals(List.of(2, 1), versions.stream().map(v -> v.getInt("version")).toList());
        assertTrue(versions.stream().allMatch(v -> v.getString("changedBy").equals("operator:" + officerName)), versions::toString);

        JsonObject rolledBack = officer.call("POST", "policies/" + name + "/rollback", "{\"version\":1}").expect(200).json();
        assertEquals(3, rolledBack.getInt("version"));
        assertFalse(rolledBack.getBoolean("restoreAllowed"));
        assertFalse(rolledBack.containsKey("maxDevicesPerIdentity"));
        assertTrue(rolledBack.getString("changeNote").startsWith("rolled back to version 1"));

        List<JsonObject> audited = audit(server, "policy:" + name).stream()
                .sorted(Comparator.comparingLong(e -> e.getJsonNumber("seq").longValue())).toList();
        assertEquals(List.of("policy.create", "policy.update", "policy.rollback"),
                audited.stream().map(e -> e.getString("action")).toList());
        assertTrue(audited.stream().allMatch(e -> e.getString("actor").equals("operator:" + officerName)), audited::toString);
        assertTrue(audited.get(1).getString("detail").contains("restoreAllowed: false -> true"), audited::toString);
    }

    @Test
    void aDeletedPolicyKeepsItsVersionsAndARollbackBringsItBack(ApplianceServer server) {
        String name = Fixtures.unique("gone");
        PolicyFixtures.save(server, name, "{\"priority\":" + PolicyFixtures.uniquePriority() + ",\"restoreAllowed\":false}").expect(201);

        server.admin().call("DELETE", "policies/" + name, null).expect(204);

        assertProblem(server.admin().call("GET", "policies/" + name, null), 404, "unknown-policy");
        List<JsonObject> versions = server.admin().call("GET", "policies/" + name + "/versions", null).expect(200).array()
                .getValuesAs(JsonObject.class);
        assertTrue(versions.get(0).getBoolean("deleted"));
        server.admin().call("POST", "policies/" + name + "/rollback", "{\"version\":1}").expect(200);
        assertFalse(server.admin().call("GET", "policies/" + name, null).expect(200).json().getBoolean("restoreAllowed"));
    }

    @Test
    void theDefaultCannotBeDeletedOrLeftIncomplete(ApplianceServer server) {
        assertProblem(server.admin().call("DELETE", "policies/default", null), 409, "default-policy");
        assertProblem(PolicyFixtures.save(server, "default", "{\"restoreAllowed\":false}"), 400, "invalid-request");
        assertTrue(server.admin().call("GET", "policies/default", null).expect(200).json().getBoolean("restoreAllowed"));
    }

    @Test
    void twoPoliciesCannotShareAPriority(ApplianceServer server) {
        int priority = PolicyFixtures.uniquePriority();
        String first = Fixtures.unique("first");
        PolicyFixtures.save(server, first, "{\"priority\":" + priority + "}").expect(201);

        JsonObject problem = assertProblem(PolicyFixtures.save(server, Fixtures.unique("second"), "{\"priority\":" + priority + "}"),
                409, "priority-taken");
        assertEquals(first, problem.getString("policy"));
    }

    @Test
    void aMisspeltSettingIsRefusedAndNothingIsSaved(ApplianceServer server) {
        String name = Fixtures.unique("typo");
        assertProblem(PolicyFixtures.save(server, name, "{\"priority\":" + PolicyFixtures.uniquePriority()
                + ",\"restoreAlowed\":false}"), 400, "invalid-request");
        assertProblem(server.admin().call("GET", "policies/" + name, null), 404, "unknown-policy");
    }

    @Test
    void mailingTheRestoreCodeIsSavedWithAWarning(ApplianceServer server) {
        JsonObject saved = PolicyFixtures.save(server, Fixtures.unique("mail"), "{\"priority\":" + PolicyFixtures.uniquePriority()
                + ",\"users\":[\"nobody\"],\"restoreCodeDelivery\":\"EMAIL\"}").expect(201).json();

        assertTrue(saved.getJsonArray("warnings").getString(0).contains("same mailbox"), saved::toString);
    }

    @Test
    void theEffectivePolicyExplainsWhichPolicyDecidedEachSetting(ApplianceServer server) {
        String user = Fixtures.unique("explain");
        Fixtures.createIdentity(server, user);
        String policy = PolicyFixtures.forUser(server, user, "\"duplicationAllowed\":false,\"maxDevicesPerIdentity\":2");
        Appliance.Operator helpdesk = Fixtures.operator(server, Fixtures.unique("hd"), "HELPDESK");

        JsonObject effective = helpdesk.call("GET", "identities/" + user + "/effective-policy", null).expect(200).json();

        assertFalse(effective.getBoolean("duplicationAllowed"));
        assertEquals(2, effective.getInt("maxDevicesPerIdentity"));
        assertTrue(effective.getBoolean("restoreAllowed"));
        JsonObject explain = effective.getJsonObject("explain");
        assertEquals(policy, explain.getJsonObject("duplicationAllowed").getString("policy"));
        assertEquals("user " + user, explain.getJsonObject("duplicationAllowed").getString("via"));
        assertEquals("default", explain.getJsonObject("restoreAllowed").getString("policy"));
        assertProblem(helpdesk.call("GET", "identities/" + Fixtures.unique("nobody") + "/effective-policy", null), 404, "unknown-user");
    }

    @Test
    void onlySecurityOfficersAndAdminsTouchPolicies(ApplianceServer server) {
        Appliance.Operator helpdesk = Fixtures.operator(server, Fixtures.unique("hd"), "HELPDESK");
        String name = Fixtures.unique("sneaky");
        String body = "{\"priority\":" + PolicyFixtures.uniquePriority() + ",\"restoreAllowed\":false}";

        assertProblem(helpdesk.call("GET", "policies", null), 403, "forbidden");
        assertProblem(helpdesk.call("GET", "policies/default", null), 403, "forbidden");
        assertProblem(helpdesk.call("PUT", "policies/" + name, body), 403, "forbidden");
        assertProblem(helpdesk.call("DELETE", "policies/default", null), 403, "forbidden");
        assertProblem(helpdesk.call("GET", "policies/default/versions", null), 403, "forbidden");
        assertProblem(helpdesk.call("POST", "policies/default/rollback", "{\"version\":1}"), 403, "forbidden");
        assertProblem(server.client().request("PUT", "api/v1/admin/policies/" + name, body), 401, "unauthenticated");
        assertProblem(server.admin().call("GET", "policies/" + name, null), 404, "unknown-policy");
    }

    private static List<String> strings(JsonObject json, String member) {
        return json.getJsonArray(member).getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    private static List<JsonObject> audit(ApplianceServer server, String target) {
        return server.admin().call("GET", "audit?limit=100&target=" + URLEncoder.encode(target, StandardCharsets.UTF_8), null)
                .expect(200).array().getValuesAs(JsonObject.class);
    }
}
