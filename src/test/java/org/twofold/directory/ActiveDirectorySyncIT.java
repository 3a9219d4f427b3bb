package org.twofold.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twofold.testing.Problems.assertProblem;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twofold.testing.ApplianceExtension;
import org.twofold.testing.ApplianceServer;
import org.twofold.testing.Fixtures;
import org.twofold.testing.SyncRuns;
import org.twofold.testing.TestDirectory;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;

/**
 * Active Directory sync against the test directory's imitation of it (uSNChanged, highestCommittedUSN,
 * invocationId, tombstones): a first incremental run runs as a full one; then incremental runs read only
 * what changed and follow modifications, disabling, deletion, renames and moves, and group membership
 * changes both ways; another domain controller or changed group nesting makes the run a full one; too many
 * deactivations stop an incremental run too.
 */
@ExtendWith(ApplianceExtension.class)
class ActiveDirectorySyncIT {

    private static final int NORMAL_ACCOUNT = 0x200;
    private static final int DISABLED_ACCOUNT = 0x202;

    private static TestDirectory directory;
    private ApplianceServer server;
    private String ou;
    private String prefix;
    private String twoFactorGroup;

    @BeforeAll
    static void startDirectory() {
        directory = TestDirectory.start();
    }

    @AfterAll
    static void stopDirectory() {
        directory.close();
    }

    @BeforeEach
    void organisationalUnit(ApplianceServer server) throws Exception {
        this.server = server;
        prefix = Fixtures.unique("ad");
        ou = "ou=" + prefix + "," + TestDirectory.BASE_DN;
        directory.adAdd(new Entry(ou, new Attribute("objectClass", "organizationalUnit"), new Attribute("ou", prefix)));
        twoFactorGroup = "cn=" + prefix + "-2fa," + ou;
        directory.adAdd(group(twoFactorGroup));
    }

    private static Entry group(String dn) {
        return new Entry(dn, new Attribute("objectClass", "top", "group"), new Attribute("cn", dn.substring(3, dn.indexOf(','))));
    }

    private String addUser(String name, boolean member) throws Exception {
        String dn = "cn=" + name + "," + ou;
        Entry user = new Entry(dn, new Attribute("objectClass", "top", "person", "organizationalPerson", "user"),
                new Attribute("objectCategory", "person"), new Attribute("cn", name), new Attribute("sAMAccountName", name),
                new Attribute("userPrincipalName", name + "@corp.test"), new Attribute("mail", name + "@corp.test"),
                new Attribute("displayName", "Name of " + name),
                new Attribute("userAccountControl", Integer.toString(NORMAL_ACCOUNT)),
                new Attribute("objectGUID", TestDirectory.guid(UUID.randomUUID())));
        if (member) {
            user.addAttribute("memberOf", twoFactorGroup);
        }
        directory.adAdd(user);
        if (member) {
            directory.adModify(twoFactorGroup, new Modification(ModificationType.ADD, "member", dn));
        }
        return name;
    }

    private String dn(String name) {
        return "cn=" + name + "," + ou;
    }

    private String connection() {
        return connection(Json.createObjectBuilder().add("enabled", false));
    }

    private String connection(JsonObjectBuilder schedule) {
        var body = directory.connection(ou)
                .add("flavor", "ACTIVE_DIRECTORY")
                .add("twoFactorGroups", Json.createArrayBuilder().add(twoFactorGroup))
                .add("schedule", schedule);
        return server.admin().call("POST", "directory/connections", body.build().toString()).expect(201).json().getString("id");
    }

    private JsonObject sync(String connectionId) {
        return SyncRuns.run(server, connectionId, "{\"mode\":\"INCREMENTAL\"}");
    }

    private JsonObject identity(String user) {
        return server.admin().call("GET", "identities/" + user, null).expect(200).json();
    }

    private static void assertRun(JsonObject run, String mode, int entriesRead, int created, int updated, int deactivated,
                                  int reactivated) {
        assertEquals(List.of("SUCCEEDED", mode, entriesRead, created, updated, deactivated, reactivated, 0),
                List.of(run.getString("status"), run.getString("mode"), run.getInt("entriesRead"), run.getInt("created"), run.getInt("updated"), run.getInt("deactivated"),
                run.getInt("reactivated"), run.getInt("errors")), run::toString);
    }

    @Test
    void incrementalRunsFollowEveryKindOfChangeReadingOnlyWhatChanged() throws Exception {
        // 21 identities: the two deactivations below stay under the 10 % that would stop the run
        for (int i = 0; i < 21; i++) {
            addUser(prefix + "-u" + i, true);
        }
        String outsider = addUser(prefix + "-out", false);
        String connection = connection();

        JsonObject first = sync(connection);
        assertRun(first, "FULL", 22, 21, 0, 0, 0);
        assertTrue(first.getString("message").contains("no complete run"), first::toString);
        assertProblem(server.admin().call("GET", "identities/" + outsider, null), 404, "unknown-user");
        assertRun(sync(connection), "INCREMENTAL", 0, 0, 0, 0, 0);

        directory.adModify(dn(prefix + "-u0"), new Modification(ModificationType.REPLACE, "mail", "new@corp.test"));
        directory.adModify(dn(prefix + "-u1"), new Modification(ModificationType.REPLACE, "userAccountControl",
                Integer.toString(DISABLED_ACCOUNT)));
        directory.adDelete(dn(prefix + "-u2"));
        String renamed = prefix + "-renamed";
        directory.adMove(dn(prefix + "-u3"), "cn=" + renamed, ou);
        directory.adModify(dn(renamed), new Modification(ModificationType.REPLACE, "sAMAccountName", renamed));
        JsonObject changes = sync(connection);

        assertRun(changes, "INCREMENTAL", 3, 0, 2, 2, 0);
        assertEquals("new@corp.test", identity(prefix + "-u0").getString("email"));
        assertEquals("DEACTIVATED", identity(prefix + "-u1").getString("status"));
        assertTrue(identity(prefix + "-u1").getJsonObject("directory").getBoolean("disabled"));
        JsonObject deleted = identity(prefix + "-u2");
        assertEquals("DEACTIVATED", deleted.getString("status"), "a tombstone deactivates");
        assertTrue(deleted.getJsonObject("directory").getBoolean("deleted"), deleted::toString);
        assertEquals("ACTIVE", identity(renamed).getString("status"), "the identity followed the rename (objectGUID)");
        assertProblem(server.admin().call("GET", "identities/" + prefix + "-u3", null), 404, "unknown-user");

        // Active Directory raises the group's uSNChanged, not the member's: memberOf is a back link
        directory.adModify(twoFactorGroup, new Modification(ModificationType.ADD, "member", dn(outsider)));
        directory.server().modify(dn(outsider), new Modification(ModificationType.ADD, "memberOf", twoFactorGroup));
        directory.adModify(twoFactorGroup, new Modification(ModificationType.DELETE, "member", dn(prefix + "-u4")));
        directory.server().modify(dn(prefix + "-u4"), new Modification(ModificationType.DELETE, "memberOf", twoFactorGroup));
        directory.adModify(dn(prefix + "-u1"), new Modification(ModificationType.REPLACE, "userAccountControl",
                Integer.toString(NORMAL_ACCOUNT)));
        JsonObject groupChanges = sync(connection);

        assertEquals(1, groupChanges.getInt("created"), groupChanges::toString);
        assertEquals(1, groupChanges.getInt("deactivated"), groupChanges::toString);
        assertEquals(1, groupChanges.getInt("reactivated"), groupChanges::toString);
        assertEquals("INCREMENTAL", groupChanges.getString("mode"));
        assertEquals("ACTIVE", identity(outsider).getString("status"), "a new member of the 2FA group gets an identity");
        assertEquals("DEACTIVATED", identity(prefix + "-u4").getString("status"), "one who left the group is deactivated");
        assertEquals("ACTIVE", identity(prefix + "-u1").getString("status"), "re-enabled in the directory");
    }

    @Test
    void theScheduleStartsRunsByItselfAndTheFirstIsAFullOne() throws Exception {
        String member = addUser(prefix + "-u0", true);
        String connection = connection(Json.createObjectBuilder().add("incrementalMinutes", 1));

        // every node looks for due runs once a minute, at second 30
        JsonObject scheduled = null;
        Instant deadline = Instant.now().plus(Duration.ofSeconds(80));
        while (scheduled == null && Instant.now().isBefore(deadline)) {
            scheduled = server.admin().call("GET", "directory/connections/" + connection + "/runs", null).expect(200).array()
                    .getValuesAs(JsonObject.class).stream().filter(run -> !run.getString("status").equals("RUNNING"))
                    .findFirst().orElse(null);
            Thread.sleep(500);
        }

        assertTrue(scheduled != null, "a scheduled run within 80 s");
        assertEquals("scheduler", scheduled.getString("startedBy"));
        assertRun(scheduled, "FULL", 1, 1, 0, 0, 0);
        assertEquals("ACTIVE", identity(member).getString("status"));
        assertEquals(1, server.admin().call("GET", "directory/connections/" + connection + "/runs", null).expect(200).array()
                .size(), "the next one is due a minute later");
    }

    @Test
    void tenThousandUsersSyncPageByPageAndThenOnlyTheirChangesAreRead() throws Exception {
        int users = 10_000;
        for (int i = 0; i < users; i++) {
            addUser(prefix + "-m" + i, true);
        }
        String connection = connection();

        assertRun(sync(connection), "FULL", users, users, 0, 0, 0);
        for (int i = 0; i < users; i += 100) {
            directory.adModify(dn(prefix + "-m" + i), new Modification(ModificationType.REPLACE, "displayName", "Renamed " + i));
        }
        JsonObject changes = sync(connection);

        assertRun(changes, "INCREMENTAL", 100, 0, 100, 0, 0);
        assertEquals("Renamed 500", identity(prefix + "-m500").getString("displayName"));
    }

    @Test
    void anotherDomainControllerMakesTheRunAFullOne() throws Exception {
        addUser(prefix + "-u0", true);
        String connection = connection();
        sync(connection);

        directory.adReplaceDomainController();
        JsonObject run = sync(connection);

        assertRun(run, "FULL", 1, 0, 0, 0, 0);
        assertTrue(run.getString("message").contains("another domain controller"), run::toString);
        assertRun(sync(connection), "INCREMENTAL", 0, 0, 0, 0, 0);
    }

    @Test
    void changedGroupNestingMakesTheRunAFullOneAndMembersOfTheNestedGroupJoin() throws Exception {
        addUser(prefix + "-u0", true);
        String nested = "cn=" + prefix + "-nested," + ou;
        directory.adAdd(group(nested));
        String member = addUser(prefix + "-in", false);
        directory.adModify(nested, new Modification(ModificationType.ADD, "member", dn(member)));
        directory.server().modify(dn(member), new Modification(ModificationType.ADD, "memberOf", nested));
        String connection = connection();
        sync(connection);
        assertProblem(server.admin().call("GET", "identities/" + member, null), 404, "unknown-user");

        directory.adModify(twoFactorGroup, new Modification(ModificationType.ADD, "member", nested));
        directory.server().modify(nested, new Modification(ModificationType.ADD, "memberOf", twoFactorGroup));
        JsonObject run = sync(connection);

        assertRun(run, "FULL", 2, 1, 0, 0, 0);
        assertTrue(run.getString("message").contains("nesting"), run::toString);
        assertEquals("ACTIVE", identity(member).getString("status"));
    }

    @Test
    void anIncrementalRunThatWouldDeactivateTooManyStopsUntilConfirmed() throws Exception {
        for (int i = 0; i < 10; i++) {
            addUser(prefix + "-u" + i, true);
        }
        String connection = connection();
        sync(connection);
        for (int i = 0; i < 2; i++) {
            directory.adDelete(dn(prefix + "-u" + i));
        }

        JsonObject stopped = sync(connection);

        assertEquals("STOPPED_FOR_CONFIRMATION", stopped.getString("status"), stopped::toString);
        assertEquals("INCREMENTAL", stopped.getString("mode"));
        assertEquals(2, stopped.getInt("deactivated"));
        assertEquals("ACTIVE", identity(prefix + "-u0").getString("status"), "nothing was written");
        String confirmed = server.admin().call("POST", "directory/runs/" + stopped.getString("id") + "/confirm", null)
                .expect(202).json().getString("runId");
        assertRun(SyncRuns.await(server, confirmed), "INCREMENTAL", 0, 0, 0, 2, 0);
        assertEquals("DEACTIVATED", identity(prefix + "-u1").getString("status"));
    }
}
