package org.twofold.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

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
import org.twofold.testing.Slapd;
import org.twofold.testing.SyncRuns;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;

/**
 * GENERIC_LDAP against a real OpenLDAP slapd (memberof and refint overlays, a certificate from a test CA
 * that the connection trusts): StartTLS and LDAPS with the CA, a wrong CA or bind password explained, a
 * full run, then incremental runs by modifyTimestamp that follow a changed attribute, a member leaving the
 * 2FA group and a deleted user (refint removes it from the group, so the group changed).
 */
@ExtendWith(ApplianceExtension.class)
class OpenLdapSyncIT {

    private static final String SUFFIX = "dc=openldap,dc=test";
    private static Slapd slapd;
    private ApplianceServer server;
    private String ou;
    private String prefix;
    private String twoFactorGroup;

    @BeforeAll
    static void startSlapd() {
        slapd = Slapd.start(SUFFIX);
    }

    @AfterAll
    static void stopSlapd() {
        slapd.close();
    }

    @BeforeEach
    void organisationalUnit(ApplianceServer server) throws Exception {
        this.server = server;
        prefix = Fixtures.unique("ol");
        ou = "ou=" + prefix + "," + SUFFIX;
        twoFactorGroup = "cn=" + prefix + "-2fa," + ou;
        try (LDAPConnection ldap = slapd.connection()) {
            ldap.add("dn: " + ou, "objectClass: organizationalUnit", "ou: " + prefix);
        }
    }

    private List<String> addUsers(int count, int members) throws Exception {
        List<String> names = new ArrayList<>();
        try (LDAPConnection ldap = slapd.connection()) {
            for (int i = 0; i < count; i++) {
                String name = prefix + "-u" + i;
                ldap.add("dn: uid=" + name + "," + ou, "objectClass: inetOrgPerson", "uid: " + name, "cn: Name of " + name,
                        "sn: " + name, "mail: " + name + "@corp.test");
                names.add(name);
            }
            String[] group = new String[3 + members];
            group[0] = "dn: " + twoFactorGroup;
            group[1] = "objectClass: groupOfNames";
            group[2] = "cn: " + prefix + "-2fa";
            for (int i = 0; i < members; i++) {
                group[3 + i] = "member: " + dn(names.get(i));
            }
            ldap.add(group);
        }
        return names;
    }

    private String dn(String name) {
        return "uid=" + name + "," + ou;
    }

    private JsonObjectBuilder connection(String url, boolean startTls, String caPem, String password) {
        return Json.createObjectBuilder()
                .add("name", Fixtures.unique("ol"))
                .add("flavor", "GENERIC_LDAP")
                .add("urls", Json.createArrayBuilder().add(url))
                .add("startTls", startTls)
                .add("trust", Json.createObjectBuilder().add("caCertificates", caPem))
                .add("bindDn", slapd.rootDn())
                .add("bindPassword", password)
                .add("baseDn", ou)
                .add("twoFactorGroups", Json.createArrayBuilder().add(twoFactorGroup))
                .add("schedule", Json.createObjectBuilder().add("enabled", false));
    }

    private String create(JsonObjectBuilder connection) {
        return server.admin().call("POST", "directory/connections", connection.build().toString()).expect(201).json()
                .getString("id");
    }

    private JsonObject test(String connection) {
        return server.admin().call("POST", "directory/connections/" + connection + "/test", null).expect(200).json();
    }

    private JsonObject sync(String connection) {
        JsonObject run = SyncRuns.run(server, connection, "{\"mode\":\"INCREMENTAL\"}");
        assertEquals("SUCCEEDED", run.getString("status"), run::toString);
        return run;
    }

    private String status(String user) {
        return server.admin().call("GET", "identities/" + user, null).expect(200).json().getString("status");
    }

    @Test
    void startTlsAndLdapsWorkWithTheConnectionsOwnCaAndFailuresAreExplained() {
        JsonObject startTls = test(create(connection(slapd.ldapUrl(), true, slapd.caCertificatePem(), slapd.rootPassword())));
        assertTrue(startTls.getBoolean("ok"), startTls::toString);
        JsonObject ldaps = test(create(connection(slapd.ldapsUrl(), false, slapd.caCertificatePem(), slapd.rootPassword())));
        assertTrue(ldaps.getBoolean("ok"), ldaps::toString);

        try (Slapd other = Slapd.start("dc=other,dc=test")) {
            JsonObject wrongCa = test(create(connection(slapd.ldapsUrl(), false, other.caCertificatePem(),
                    slapd.rootPassword())));
            assertFalse(wrongCa.getBoolean("ok"));
            assertTrue(wrongCa.getString("message").contains("not trusted"), wrongCa::toString);
        }
        JsonObject wrongPassword = test(create(connection(slapd.ldapsUrl(), false, slapd.caCertificatePem(), "wrong")));
        assertFalse(wrongPassword.getBoolean("ok"));
        assertTrue(wrongPassword.getString("message").contains("invalid credentials"), wrongPassword::toString);
    }

    @Test
    void incrementalRunsFollowModifyTimestampAndTheMemberofOverlay() throws Exception {
        List<String> users = addUsers(25, 24);
        String connection = create(connection(slapd.ldapUrl(), true, slapd.caCertificatePem(), slapd.rootPassword()));

        JsonObject first = sync(connection);
        assertEquals(List.of("FULL", 24), List.of(first.getString("mode"), first.getInt("created")), first::toString);
        assertEquals(0, sync(connection).getInt("updated"), "nothing changed");

        try (LDAPConnection ldap = slapd.connection()) {
            ldap.modify(dn(users.get(0)), new Modification(ModificationType.REPLACE, "mail", "new@corp.test"));
            ldap.modify(twoFactorGroup, new Modification(ModificationType.DELETE, "member", dn(users.get(1))));
            ldap.delete(dn(users.get(2)));
            ldap.modify(twoFactorGroup, new Modification(ModificationType.ADD, "member", dn(users.get(24))));
        }
        JsonObject changes = sync(connection);

        assertEquals("INCREMENTAL", changes.getString("mode"), changes::toString);
        assertTrue(changes.getInt("entriesRead") < 25, () -> "only what changed was read: " + changes);
        assertEquals(List.of(1, 1, 2), List.of(changes.getInt("created"), changes.getInt("updated"),
                changes.getInt("deactivated")), changes::toString);
        assertEquals("new@corp.test", server.admin().call("GET", "identities/" + users.get(0), null).expect(200).json()
                .getString("email"));
        assertEquals("DEACTIVATED", status(users.get(1)), "left the 2FA group");
        assertEquals("DEACTIVATED", status(users.get(2)), "deleted (refint took it out of the group)");
        assertEquals("ACTIVE", status(users.get(24)), "joined the 2FA group");
    }
}
