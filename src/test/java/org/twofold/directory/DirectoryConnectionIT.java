package org.twofold.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twofold.testing.Problems.assertProblem;


import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twofold.simulator.Answer;
import org.twofold.simulator.Appliance;
import org.twofold.testing.ApplianceExtension;
import org.twofold.testing.ApplianceServer;
import org.twofold.testing.Fixtures;
import org.twofold.testing.TestDirectory;

/**
 * Directory connections against a real LDAP server (UnboundID in-memory, on loopback): plain LDAP,
 * StartTLS and LDAPS with a pinned certificate, failover, and a clear message for every way a connection
 * can be wrong. The bind password is write-only.
 */
@ExtendWith(ApplianceExtension.class)
class DirectoryConnectionIT {

    private static TestDirectory directory;

    @BeforeAll
    static void startDirectory() {
        directory = TestDirectory.start();
    }

    @AfterAll
    static void stopDirectory() {
        directory.close();
    }

    private static JsonObjectBuilder connection(String url) {
        return Json.createObjectBuilder()
                .add("name", Fixtures.unique("dir"))
                .add("flavor", "GENERIC_LDAP")
                .add("urls", Json.createArrayBuilder().add(url))
                .add("bindDn", TestDirectory.BIND_DN)
                .add("bindPassword", TestDirectory.BIND_PASSWORD)
                .add("baseDn", "ou=people," + TestDirectory.BASE_DN)
                .add("schedule", Json.createObjectBuilder().add("enabled", false));
    }

    private static String create(ApplianceServer server, JsonObjectBuilder connection) {
        return server.admin().call("POST", "directory/connections", connection.build().toString()).expect(201).json()
                .getString("id");
    }

    private static JsonObject test(ApplianceServer server, String id) {
        return server.admin().call("POST", "directory/connections/" + id + "/test", null).expect(200).json();
    }

    @Test
    void plainLdapWorksButIsWarnedAbout(ApplianceServer server) {
        JsonObject created = server.admin().call("POST", "directory/connections",
                connection(directory.ldapUrl()).build().toString()).expect(201).json();

        assertTrue(created.getJsonArray("warnings").getString(0).contains("clear text"), created::toString);
        JsonObject result = test(server, created.getString("id"));
        assertTrue(result.getBoolean("ok"), result::toString);
        assertTrue(result.getString("message").contains("base DN found"), result::toString);
    }

    @Test
    void ldapsAndStartTlsWorkWithThePinnedCertificate(ApplianceServer server) {
        JsonObject trust = Json.createObjectBuilder().add("pinnedSha256", directory.certificateSha256()).build();

        JsonObject ldaps = server.admin().call("POST", "directory/connections",
                connection(directory.ldapsUrl()).add("trust", trust).build().toString()).expect(201).json();
        assertTrue(ldaps.getJsonArray("warnings").isEmpty());
        assertTrue(test(server, ldaps.getString("id")).getBoolean("ok"));

        String startTls = create(server, connection(directory.ldapUrl()).add("startTls", true).add("trust", trust));
        JsonObject result = test(server, startTls);
        assertTrue(result.getBoolean("ok"), result::toString);
    }

    @Test
    void anotherCertificateThanThePinnedOneIsRefusedNamingWhatTheServerPresented(ApplianceServer server) {
        String wrongPin = "00".repeat(32);
        String id = create(server, connection(directory.ldapsUrl())
                .add("trust", Json.createObjectBuilder().add("pinnedSha256", wrongPin)));

        JsonObject result = test(server, id);

        assertFalse(result.getBoolean("ok"));
        assertTrue(result.getString("message").contains(directory.certificateSha256()), result::toString);
    }

    @Test
    void withoutAPinAnUnknownCertificateIsNotTrusted(ApplianceServer server) {
        JsonObject result = test(server, create(server, connection(directory.ldapsUrl())));

        assertFalse(result.getBoolean("ok"));
        assertTrue(result.getString("message").contains("not trusted"), result::toString);
    }

    @Test
    void aWrongBindPasswordIsReportedAsSuch(ApplianceServer server) {
        JsonObject result = test(server, create(server, connection(directory.ldapUrl()).add("bindPassword", "wrong")));

        assertFalse(result.getBoolean("ok"));
        assertTrue(result.getString("message").contains("invalid credentials"), result::toString);
    }

    @Test
    void anUnreachableServerAndAMissingBaseDnAreReported(ApplianceServer server) {
        JsonObject unreachable = test(server, create(server, connection("ldap://127.0.0.1:" + Fixtures.unusedPort())));
        assertFalse(unreachable.getBoolean("ok"));
        assertTrue(unreachable.getString("message").startsWith("Cannot use"), unreachable::toString);

        JsonObject noBase = test(server, create(server, connection(directory.ldapUrl())
                .add("baseDn", "ou=nowhere," + TestDirectory.BASE_DN)));
        assertFalse(noBase.getBoolean("ok"));
        assertTrue(noBase.getString("message").contains("does not exist"), noBase::toString);
    }

    @Test
    void theNextServerTakesOverWhenTheFirstIsDown(ApplianceServer server) {
        String id = create(server, connection("ldap://127.0.0.1:" + Fixtures.unusedPort())
                .add("urls", Json.createArrayBuilder().add("ldap://127.0.0.1:" + Fixtures.unusedPort()).add(directory.ldapUrl())));

        JsonObject result = test(server, id);

        assertTrue(result.getBoolean("ok"), result::toString);
        assertTrue(result.getString("message").contains(directory.ldapUrl().substring("ldap://".length())), result::toString);
    }

    @Test
    void theBindPasswordIsWriteOnlyAndKeptWhenAnUpdateLeavesItOut(ApplianceServer server) {
        JsonObjectBuilder settings = connection(directory.ldapUrl());
        String id = create(server, settings);
        JsonObject stored = server.admin().call("GET", "directory/connections/" + id, null).expect(200).json();
        assertFalse(stored.toString().contains(TestDirectory.BIND_PASSWORD), stored::toString);
        assertFalse(server.admin().call("GET", "directory/connections", null).expect(200).body().contains(TestDirectory.BIND_PASSWORD));
        assertEquals("uid", stored.getJsonObject("attributes").getString("user"), "GENERIC_LDAP defaults");

        JsonObject renamed = Json.createObjectBuilder(connection(directory.ldapUrl()).build()).remove("bindPassword")
                .add("name", stored.getString("name") + "-2").build();
        server.admin().call("PUT", "directory/connections/" + id, renamed.toString()).expect(200);
        assertTrue(test(server, id).getBoolean("ok"), "the stored password was kept");

        server.admin().call("PUT", "directory/connections/" + id,
                Json.createObjectBuilder(renamed).add("bindPassword", "changed").build().toString()).expect(200);
        assertFalse(test(server, id).getBoolean("ok"), "the new password is used");

        server.admin().call("DELETE", "directory/connections/" + id, null).expect(204);
        assertProblem(server.admin().call("GET", "directory/connections/" + id, null), 404, "unknown-connection");
    }

    @Test
    void mistakesAreRefusedNamingTheMember(ApplianceServer server) {
        assertInvalid(server, connection("http://dc1.corp.test"), "http://dc1.corp.test");
        assertInvalid(server, connection("ldap://dc1.corp.test/ou=people"), "ldap://dc1.corp.test/ou=people");
        assertInvalid(server, connection(directory.ldapsUrl()).add("startTls", true), "StartTLS");
        assertInvalid(server, connection(directory.ldapUrl()).add("bindDn", "not a dn"), "bindDn");
        assertInvalid(server, connection(directory.ldapUrl()).add("userFilter", "(uid=x"), "userFilter");
        assertInvalid(server, connection(directory.ldapUrl()).add("bindPasword", "x"), "bindPasword");
        assertInvalid(server, connection(directory.ldapUrl()).remove("bindPassword"), "bindPassword");
        assertInvalid(server, connection(directory.ldapUrl()).add("trust", Json.createObjectBuilder().add("pinnedSha256", "abc")),
                "pinnedSha256");
        assertInvalid(server, connection(directory.ldapUrl()).add("schedule", Json.createObjectBuilder().add("fullCron", "nightly")),
                "fullCron");
        assertInvalid(server, connection(directory.ldapUrl()).add("flavor", "ACTIVE_DIRECTORY")
                .add("attributes", Json.createObjectBuilder().add("disabled", "nsAccountLock")), "disabled");

        JsonObjectBuilder twice = connection(directory.ldapUrl());
        JsonObject body = twice.build();
        server.admin().call("POST", "directory/connections", body.toString()).expect(201);
        assertProblem(server.admin().call("POST", "directory/connections", body.toString()), 409, "connection-exists");
    }

    @Test
    void onlyAdminsManageDirectoryConnections(ApplianceServer server) {
        String id = create(server, connection(directory.ldapUrl()));
        String body = connection(directory.ldapUrl()).build().toString();
        for (String role : new String[] {"HELPDESK", "SECURITY_OFFICER"}) {
            Appliance.Operator operator = Fixtures.operator(server, Fixtures.unique("op"), role);
            assertProblem(operator.call("POST", "directory/connections", body), 403, "forbidden");
            assertProblem(operator.call("GET", "directory/connections", null), 403, "forbidden");
            assertProblem(operator.call("GET", "directory/connections/" + id, null), 403, "forbidden");
            assertProblem(operator.call("PUT", "directory/connections/" + id, body), 403, "forbidden");
            assertProblem(operator.call("POST", "directory/connections/" + id + "/test", null), 403, "forbidden");
            assertProblem(operator.call("DELETE", "directory/connections/" + id, null), 403, "forbidden");
        }
        server.admin().call("GET", "directory/connections/" + id, null).expect(200);
    }

    private static void assertInvalid(ApplianceServer server, JsonObjectBuilder connection, String named) {
        Answer answer = server.admin().call("POST", "directory/connections", connection.build().toString());
        JsonObject problem = assertProblem(answer, 400, "invalid-request");
        assertTrue(problem.getString("title").contains(named), () -> named + ": " + problem);
    }
}
