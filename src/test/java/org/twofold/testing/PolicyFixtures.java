package org.twofold.testing;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import org.twofold.simulator.Answer;

/**
 * Restore policies for integration tests. Tests share one appliance, so a test changes the policy of its
 * own users only (a policy assigned to them, with a priority nobody else uses); a test that must change
 * {@code default} puts it back when it ends.
 */
public final class PolicyFixtures {

    private static final AtomicInteger PRIORITIES = new AtomicInteger(1000);

    private PolicyFixtures() {
    }

    public static int uniquePriority() {
        return PRIORITIES.incrementAndGet();
    }

    /** Saves a policy for just this user, with these settings ({@code "restoreAllowed":false, …}); answers its name. */
    public static String forUser(ApplianceServer server, String user, String settings) {
        String name = Fixtures.unique("policy");
        save(server, name, "{\"priority\":" + uniquePriority() + ",\"users\":[\"" + user + "\"]"
                + (settings.isBlank() ? "" : "," + settings) + "}").expect(201);
        return name;
    }

    public static Answer save(ApplianceServer server, String name, String body) {
        return server.admin().call("PUT", "policies/" + name, body);
    }

    public static JsonObject effective(ApplianceServer server, String user) {
        return server.admin().call("GET", "identities/" + user + "/effective-policy", null).expect(200).json();
    }

    /** Changes members of {@code default}; closing puts the previous version back. */
    public static AutoCloseable changeDefault(ApplianceServer server, String member, JsonValue value) {
        JsonObject before = server.admin().call("GET", "policies/default", null).expect(200).json();
        JsonObjectBuilder changed = jakarta.json.Json.createObjectBuilder(before).add(member, value);
        for (String meta : new String[] {"version", "deleted", "changedBy", "changedAt", "changeNote"}) {
            changed.remove(meta);
        }
        save(server, "default", changed.build().toString()).expect(200);
        return () -> server.admin().call("POST", "policies/default/rollback",
                "{\"version\":" + before.getInt("version") + "}").expect(200);
    }
}
