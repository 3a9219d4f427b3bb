package org.twofold.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twofold.simulator.Answer;
import org.twofold.simulator.DeviceSimulator;
import org.twofold.testing.ApplianceExtension;
import org.twofold.testing.ApplianceServer;
import org.twofold.testing.Fixtures;
import org.twofold.testing.SyncRuns;
import org.twofold.testing.TestDirectory;

/**
 * {@code /health/ready} as a load balancer and an operator read it: the database decides readiness; the
 * mail outbox and the directories are reported in data and, in their default settings, never make the
 * appliance unready (a mail or directory outage must not become a login outage).
 */
@ExtendWith(ApplianceExtension.class)
class HealthChecksIT {

    @Test
    void readinessNamesItsChecksWithTheirData(ApplianceServer server) {
        JsonObject health = ready(server);
        assertEquals("UP", health.getString("status"));
        assertEquals("UP", check(health, "twofold").getString("status"));
        assertTrue(check(health, "twofold").getJsonObject("data").getString("startupCompleted").equals("true"));
        JsonObject outbox = check(health, "mail-outbox").getJsonObject("data");
        assertTrue(outbox.containsKey("waiting") && outbox.containsKey("oldestWaitingSeconds"), outbox::toString);
        assertTrue(check(health, "directory").getJsonObject("data").containsKey("failingConnections"), health::toString);
        assertEquals("UP", parse(server.client().request("GET", "health/live", null).expect(200)).getString("status"));
    }

    @Test
    void mailWaitingForADownMailServerIsReportedWhileTheApplianceStaysReady(ApplianceServer server) {
        String user = Fixtures.unique("backlog");
        DeviceSimulator phone = Fixtures.enrolledUser(server, user);
        String code = phone.activateRestore().expect(201).json().getString("code");
        DeviceSimulator newPhone = server.client().from(Fixtures.uniqueAddress()).newDevice("new phone");

        server.mail().stop();
        try {
            newPhone.startRestore(user, code).expect(202);
            JsonObject waiting = awaitReady(server, "mail-outbox",
                    outbox -> number(outbox, "waiting") >= 1);
            assertEquals("UP", waiting.getString("status"), "a mail outage alone leaves the appliance ready");
            JsonObject health = ready(server);
            assertEquals("UP", health.getString("status"), health::toString);
            assertTrue(number(check(health, "mail-outbox"), "oldestWaitingSeconds") >= 0);
        } finally {
            server.mail().startAgain();
        }
        server.mail().awaitMail(user + "@corp.test", "one-time code", Duration.ofSeconds(60));
    }

    @Test
    void aDirectoryThatCouldNotBeSyncedIsReportedWithoutMakingTheApplianceUnready(ApplianceServer server) {
        String name = Fixtures.unique("unreachable-dir");
        JsonObject settings = Json.createObjectBuilder()
                .add("name", name).add("flavor", "GENERIC_LDAP")
                .add("urls", Json.createArrayBuilder().add("ldap://127.0.0.1:" + Fixtures.unusedPort()))
                .add("bindDn", TestDirectory.BIND_DN).add("bindPassword", "not-used")
                .add("baseDn", TestDirectory.BASE_DN)
                .add("schedule", Json.createObjectBuilder().add("enabled", false)).build();
        String connection = server.admin().call("POST", "directory/connections", settings.toString()).expect(201).json()
                .getString("id");
        assertEquals("never synced", check(ready(server), "directory").getJsonObject("data").getString(name));

        JsonObject run = SyncRuns.run(server, connection, "{\"mode\":\"FULL\",\"dryRun\":false}");
        assertEquals("FAILED", run.getString("status"), run::toString);

        JsonObject health = ready(server);
        assertEquals("UP", health.getString("status"), health::toString);
        JsonObject directory = check(health, "directory");
        assertEquals("UP", directory.getString("status"));
        assertTrue(directory.getJsonObject("data").getString(name).startsWith("FAILED "), directory::toString);
        assertTrue(number(directory, "failingConnections") >= 1);
        server.admin().call("DELETE", "directory/connections/" + connection, null).expect(204);
    }

    private static JsonObject ready(ApplianceServer server) {
        return parse(server.client().request("GET", "health/ready", null));
    }

    /** Payara Micro writes every data value of a check as a JSON string. */
    private static long number(JsonObject check, String key) {
        return Long.parseLong(check.getJsonObject("data").getString(key));
    }

    private static JsonObject parse(Answer answer) {
        return org.twofold.simulator.Json.parse(answer.body());
    }

    private static JsonObject check(JsonObject health, String name) {
        return health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(check -> check.getString("name").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + health));
    }

    /** The named check once it satisfies the condition; at most 20 s. */
    private static JsonObject awaitReady(ApplianceServer server, String name, Predicate<JsonObject> condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        JsonObject last = check(ready(server), name);
        while (!condition.test(last)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within 20 s: " + last);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            last = check(ready(server), name);
        }
        return last;
    }
}
