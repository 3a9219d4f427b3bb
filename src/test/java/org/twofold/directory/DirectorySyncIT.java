package org.twofold.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twofold.testing.Problems.assertProblem;

import java.util.ArrayList;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twofold.simulator.Appliance;
import org.twofold.testing.ApplianceExtension;
import org.twofold.testing.ApplianceServer;
import org.twofold.testing.Fixtures;
import org.twofold.testing.PolicyFixtures;
import org.twofold.testing.SyncRuns;
import org.twofold.testing.TestDirectory;

import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;

/**
 * Full sync from a real LDAP server (UnboundID in-memory): identities are created, updated, renamed,
 * deactivated and reactivated as the directory changes; a run that would deactivate too many, or sees
 * nobody, stops until an operator confirms; a dry run writes nothing; bad entries are reported and skipped;
 * an unreachable directory changes nothing; nested 2FA groups count.
 */
@ExtendWith(ApplianceExtension.class)
class DirectorySyncIT {

    private static TestDirectory directory;
    private ApplianceServer server;
    private String ou;
    private String prefix;

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
        prefix = Fixtures.unique("s");
        ou = "ou=" + prefix + ",ou=people," + TestDirectory.BASE_DN;
        directory.server().add("dn: " + ou, "objectClass: organizationalUnit", "ou: " + prefix);
    }

    private String userDn(String name) {
        return "uid=" + name + "," + ou;
    }

    private String addUser(String name, String... more) throws Exception {
        List<String> lines = new ArrayList<>(List.of("dn: " + userDn(name), "objectClass: inetOrgPerson", "uid: " + name,
                "cn: Name of " + name, "sn: " + name, "mail: " + name + "@corp.test", "telephoneNumber: +41 44 000 00 00",
                "postalAddress: Main Street 1$8000 Zurich"));
        lines.addAll(List.of(more));
        directory.server().add(lines.toArray(String[]::new));
        return name;
    }

    private List<String> addUsers(int count) throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(addUser(prefix + "-u" + i));
        }
        return names;
    }

    private String connection(String... extra) {
        var body = directory.connection(ou).add("attributes", Json.createObjectBuilder().add("disabled", "nsAccountLock"));
        for (int i = 0; i < extra.length; i += 2) {
            body.add(extra[i], extra[i + 1]);
        }
        return server.admin().call("POST", "directory/connections", body.build().toString()).expect(201).json().getString("id");
    }

    private JsonObject sync(String connectionId, boolean dryRun) {
        return SyncRuns.run(server, connectionId, "{\"mode\":\"FULL\",\"dryRun\":" + dryRun + "}");
    }

    private JsonObject awaitRun(String runId) {
        return SyncRuns.await(server, runId);
    }

    private String status(String user) {
        return server.admin().call("GET", "identities/" + user, null).expect(200).json().getString("status");
    }

    private static void assertCounts(JsonObject run, int created, int updated, int deactivated, int reactivated, int errors) {
        assertEquals(List.of(created, updated, deactivated, reactivated, errors), List.of(run.getInt("created"),
                run.getInt("updated"), run.getInt("deactivated"), run.getInt("reactivated"), run.getInt("errors")),
                run::toString);
    }

    @Test
    void aDryRunWritesNothingAndTheRealRunCreatesIdentitiesFromTheDirectory() throws Exception {
        List<String> users = addUsers(3);
        directory.server().add("dn: cn=no-uid," + ou, "objectClass: inetOrgPerson", "cn: no-uid", "sn: x");
        String connection = connection();

        JsonObject dry = sync(connection, true);
        assertEquals("SUCCEEDED", dry.getString("status"), dry::toString);
        assertCounts(dry, 3, 0, 0, 0, 1);
        assertProblem(server.admin().call("GET", "identities/" + users.get(0), null), 404, "unknown-user");

        JsonObject run = sync(connection, false);
        assertEquals("SUCCEEDED", run.getString("status"), run::toString);
        assertCounts(run, 3, 0, 0, 0, 1);
        assertEquals(4, run.getInt("entriesRead"));
        assertEquals("cn=no-uid," + ou, run.getJsonArray("errorEntries").getJsonObject(0).getString("dn"));
        JsonObject identity = server.admin().call("GET", "identities/" + users.get(0), null).expect(200).json();
        assertEquals(users.get(0) + "@corp.test", identity.getString("email"));
        assertEquals("Name of " + users.get(0), identity.getString("displayName"));
        assertEquals(List.of("Main Street 1", "8000 Zurich"), identity.getJsonArray("postalAddress")
                .getValuesAs(JsonString.class).stream().map(JsonString::getString).toList());

        assertCounts(sync(connection, false), 0, 0, 0, 0, 1);
        String name = server.admin().call("GET", "directory/connections/" + connection, null).expect(200).json().getString("name");
        List<JsonObject> ends = server.admin().call("GET", "audit?action=directory.sync-end&target=directory-connection:" + name,
                null).expect(200).array().getValuesAs(JsonObject.class);
        assertEquals(3, ends.size(), "every run's end is audited with its counts");
        assertTrue(ends.get(ends.size() - 1).getString("detail").contains("(dry run): 4 read, 3 created"), ends::toString);
    }

    @Test
    void changesDisablingReenablingAndRenamesFollowTheDirectory() throws Exception {
        List<String> users = addUsers(12);
        String connection = connection();
        sync(connection, false);

        directory.server().modify(userDn(users.get(0)), new Modification(ModificationType.REPLACE, "mail", "new@corp.test"));
        directory.server().modify(userDn(users.get(1)), new Modification(ModificationType.ADD, "nsAccountLock", "true"));
        String renamed = prefix + "-renamed";
        directory.server().modifyDN(userDn(users.get(2)), "uid=" + renamed, true);
        JsonObject run = sync(connection, false);

        assertCounts(run, 0, 2, 1, 0, 0);
        assertEquals("new@corp.test", server.admin().call("GET", "identities/" + users.get(0), null).expect(200).json()
                .getString("email"));
        assertEquals("DEACTIVATED", status(users.get(1)));
        JsonObject disabled = server.admin().call("GET", "identities/" + users.get(1), null).expect(200).json();
        assertTrue(disabled.getJsonObject("directory").getBoolean("disabled"), disabled::toString);
        assertEquals(connection, disabled.getJsonObject("directory").getString("connection"));
        assertProblem(server.admin().call("POST", "identities/" + users.get(1) + "/reactivate", null), 409,
                "directory-disabled");
        assertEquals("ACTIVE", status(renamed), "the identity followed the rename (same entryUUID)");
        assertProblem(server.admin().call("GET", "identities/" + users.get(2), null), 404, "unknown-user");

        directory.server().modify(userDn(users.get(1)), new Modification(ModificationType.DELETE, "nsAccountLock"));
        assertCounts(sync(connection, false), 0, 0, 0, 1, 0);
        assertEquals("ACTIVE", status(users.get(1)));
    }

    @Test
    void aHelpdeskDeactivationIsNotUndoneByTheDirectory() throws Exception {
        List<String> users = addUsers(2);
        String connection = connection();
        sync(connection, false);
        server.admin().call("POST", "identities/" + users.get(0) + "/deactivate", null).expect(200);

        sync(connection, false);

        assertEquals("DEACTIVATED", status(users.get(0)));
    }

    @Test
    void deactivatingMoreThanTheAllowedShareStopsUntilAnOperatorConfirms() throws Exception {
        List<String> users = addUsers(12);
        String connection = connection();
        sync(connection, false);
        for (String user : users.subList(0, 3)) {
            directory.server().delete(userDn(user));
        }

        JsonObject stopped = sync(connection, false);

        assertEquals("STOPPED_FOR_CONFIRMATION", stopped.getString("status"), stopped::toString);
        assertEquals(3, stopped.getInt("deactivated"), "what the run would do");
        assertTrue(stopped.getString("message").contains("3 of 12"), stopped::toString);
        assertEquals("ACTIVE", status(users.get(0)), "nothing was written");

        String confirmed = server.admin().call("POST", "directory/runs/" + stopped.getString("id") + "/confirm", null)
                .expect(202).json().getString("runId");
        JsonObject run = awaitRun(confirmed);
        assertEquals("SUCCEEDED", run.getString("status"), run::toString);
        assertEquals(3, run.getInt("deactivated"));
        JsonObject kept = server.admin().call("GET", "identities/" + users.get(0), null).expect(200).json();
        assertEquals("DEACTIVATED", kept.getString("status"));
        assertEquals(users.get(0) + "@corp.test", kept.getString("email"), "data kept, never deleted");

        addUser(users.get(0));
        assertEquals(1, sync(connection, false).getInt("reactivated"), "a user who comes back is active again");
    }

    @Test
    void aRunThatSeesNobodyStops() throws Exception {
        addUsers(2);
        String connection = connection("userFilter", "(objectClass=nobodyHasThis)");

        JsonObject run = sync(connection, false);

        assertEquals("STOPPED_FOR_CONFIRMATION", run.getString("status"), run::toString);
        assertTrue(run.getString("message").contains("no usable user"), run::toString);
    }

    @Test
    void anUnreachableDirectoryChangesNothing() throws Exception {
        List<String> users = addUsers(2);
        String connection = connection();
        sync(connection, false);
        String unreachable = server.admin().call("GET", "directory/connections/" + connection, null).expect(200).json()
                .getString("name");
        JsonObject settings = Json.createObjectBuilder()
                .add("name", unreachable).add("flavor", "GENERIC_LDAP")
                .add("urls", Json.createArrayBuilder().add("ldap://127.0.0.1:" + Fixtures.unusedPort()))
                .add("bindDn", TestDirectory.BIND_DN).add("baseDn", ou).build();
        server.admin().call("PUT", "directory/connections/" + connection, settings.toString()).expect(200);

        JsonObject run = sync(connection, false);

        assertEquals("FAILED", run.getString("status"), run::toString);
        assertTrue(run.getString("message").contains("nothing was changed"), run::toString);
        assertEquals("ACTIVE", status(users.get(0)));
    }

    @Test
    void membersOfNestedTwoFactorGroupsTakePartAndGroupPoliciesApplyToThem() throws Exception {
        String outer = "cn=2fa," + ou;
        String inner = "cn=2fa-nested," + ou;
        directory.server().add("dn: " + outer, "objectClass: groupOfNames", "cn: 2fa", "member: " + inner);
        // the directory's memberof overlay (or AD) keeps memberOf on nested groups too
        directory.server().add("dn: " + inner, "objectClass: groupOfNames", "cn: 2fa-nested", "member: " + userDn(prefix + "-in"),
                "memberOf: " + outer);
        String member = addUser(prefix + "-in", "memberOf: " + inner);
        String outsider = addUser(prefix + "-out");
        String connection = connection();
        server.admin().call("PUT", "directory/connections/" + connection,
                Json.createObjectBuilder(server.admin().call("GET", "directory/connections/" + connection, null).expect(200)
                                .json())
                        .remove("id").remove("createdAt").remove("updatedAt")
                        .add("twoFactorGroups", Json.createArrayBuilder().add(outer)).build().toString()).expect(200);

        JsonObject run = sync(connection, false);

        assertCounts(run, 1, 0, 0, 0, 0);
        assertEquals("ACTIVE", status(member));
        assertProblem(server.admin().call("GET", "identities/" + outsider, null), 404, "unknown-user");
        String policy = Fixtures.unique("nested");
        // the member is in the outer group only through the inner one: a policy on the outer group applies
        PolicyFixtures.save(server, policy, "{\"priority\":" + PolicyFixtures.uniquePriority() + ",\"groups\":[\""
                + outer.toUpperCase() + "\"],\"duplicationAllowed\":false}").expect(201);
        JsonObject explain = PolicyFixtures.effective(server, member).getJsonObject("explain").getJsonObject("duplicationAllowed");
        assertEquals(policy, explain.getString("policy"));
        assertEquals("group " + outer.toUpperCase(), explain.getString("via"));
    }

    @Test
    void theLiveCheckRefusesALoginAsSoonAsTheDirectoryDisablesTheAccount() throws Exception {
        String user = addUsers(1).get(0);
        String connection = connection();
        sync(connection, false);
        String code = server.admin().call("POST", "identities/" + user + "/activation-codes", null).expect(201).json()
                .getString("activationCode");
        server.client().from(Fixtures.uniqueAddress()).newDevice("phone").enroll(code).expect(201);
        Appliance.RelyingParty party = Fixtures.relyingParty(server);
        Fixtures.startLogin(party, user);

        directory.server().modify(userDn(user), new Modification(ModificationType.ADD, "nsAccountLock", "true"));
        Thread.sleep(1100);

        assertProblem(party.startLogin(user, "VPN"), 403, "identity-deactivated");
        assertEquals("ACTIVE", status(user), "the next sync deactivates it; the check only refuses");

        directory.server().modify(userDn(user), new Modification(ModificationType.DELETE, "nsAccountLock"));
        Thread.sleep(1100);
        Fixtures.startLogin(party, user);
    }

    @Test
    void whenTheDirectoryDoesNotAnswerTheLiveCheckLetsTheLastSyncDecide() throws Exception {
        String user;
        try (TestDirectory gone = TestDirectory.start()) {
            gone.server().add("dn: " + ou, "objectClass: organizationalUnit", "ou: " + prefix);
            user = prefix + "-gone";
            gone.server().add("dn: " + userDn(user), "objectClass: inetOrgPerson", "uid: " + user, "cn: " + user, "sn: x");
            String connection = server.admin().call("POST", "directory/connections", gone.connection(ou).build().toString())
                    .expect(201).json().getString("id");
            sync(connection, false);
        }
        String code = server.admin().call("POST", "identities/" + user + "/activation-codes", null).expect(201).json()
                .getString("activationCode");
        server.client().from(Fixtures.uniqueAddress()).newDevice("phone").enroll(code).expect(201);

        Fixtures.startLogin(Fixtures.relyingParty(server), user);
    }

    @Test
    void onlyAdminsSync() throws Exception {
        addUsers(1);
        String connection = connection();
        String runId = server.admin().call("POST", "directory/connections/" + connection + "/sync",
                "{\"mode\":\"FULL\",\"dryRun\":true}").expect(202).json().getString("runId");
        Appliance.Operator helpdesk = Fixtures.operator(server, Fixtures.unique("hd"), "HELPDESK");

        assertProblem(helpdesk.call("POST", "directory/connections/" + connection + "/sync", "{\"mode\":\"FULL\"}"), 403, "forbidden");
        assertProblem(helpdesk.call("GET", "directory/runs/" + runId, null), 403, "forbidden");
        assertProblem(server.admin().call("POST", "directory/connections/" + connection + "/sync", "{\"mode\":\"PARTIAL\"}"),
                400, "invalid-request");
        awaitRun(runId);
    }
}
