package org.twofold.directory.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import java.util.Optional;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.twofold.directory.entity.AttributeMapping;
import org.twofold.directory.entity.DirectoryFlavor;
import org.twofold.platform.control.Refusal;

class ConnectionDocumentsTest {

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    private static String minimal(String flavor, String more) {
        return "{\"name\":\"corp\",\"flavor\":\"" + flavor + "\",\"urls\":[\"ldaps://dc1.corp.test\"],"
                + "\"bindDn\":\"CN=svc-twofold,OU=Service,DC=corp,DC=test\",\"bindPassword\":\"s3cret\","
                + "\"baseDn\":\"DC=corp,DC=test\"" + more + "}";
    }

    @Test
    void activeDirectoryGetsItsDefaults() {
        ConnectionSettings settings = ConnectionDocuments.read(json(minimal("ACTIVE_DIRECTORY", "")), true);

        assertEquals(DirectoryFlavor.ACTIVE_DIRECTORY.defaultUserFilter(), settings.userFilter());
        assertEquals(new AttributeMapping("sAMAccountName", "mail", "displayName",
                List.of("streetAddress", "postalCode", "l", "co"), "telephoneNumber", null), settings.attributes());
        assertEquals(5, settings.incrementalMinutes());
        assertEquals("0 3 * * *", settings.fullCron());
        assertEquals(List.of(new LdapAddress(true, "dc1.corp.test", 636)), settings.urls());
        assertTrue(settings.warnings().isEmpty(), "LDAPS needs no warning");
    }

    @Test
    void explicitMappingScheduleGroupsAndPinAreKept() {
        ConnectionSettings settings = ConnectionDocuments.read(json(minimal("GENERIC_LDAP",
                ",\"attributes\":{\"user\":\"userPrincipalName\",\"postalAddress\":[\"street\",\"l\"],\"disabled\":\"nsAccountLock\"},"
                        + "\"twoFactorGroups\":[\"cn=2fa,ou=groups,dc=corp,dc=test\"],"
                        + "\"schedule\":{\"incrementalMinutes\":15,\"fullCron\":\"30 2 * * 1-5\"},"
                        + "\"trust\":{\"pinnedSha256\":\"" + "AB:".repeat(31) + "AB\"}")), true);

        assertEquals("userPrincipalName", settings.attributes().user());
        assertEquals("cn", settings.attributes().displayName(), "left out: the flavor's default");
        assertEquals(List.of("street", "l"), settings.attributes().postalAddress());
        assertEquals("nsAccountLock", settings.attributes().disabled());
        assertEquals(List.of("cn=2fa,ou=groups,dc=corp,dc=test"), settings.twoFactorGroups());
        assertEquals(15, settings.incrementalMinutes());
        assertEquals(Optional.of("ab".repeat(32)), settings.pinnedSha256(), "colons dropped, lower case");
    }

    @Test
    void clearTextLdapIsWarnedAboutUnlessStartTlsIsUsed() {
        String plain = minimal("GENERIC_LDAP", "").replace("ldaps://", "ldap://");
        assertEquals(1, ConnectionDocuments.read(json(plain), true).warnings().size());
        assertTrue(ConnectionDocuments.read(json(plain.replace("}", ",\"startTls\":true}")), true).warnings().isEmpty());
    }

    @Test
    void anUpdateMayLeaveThePasswordOut() {
        String withoutPassword = minimal("GENERIC_LDAP", "").replace(",\"bindPassword\":\"s3cret\"", "");
        assertEquals(Optional.empty(), ConnectionDocuments.read(json(withoutPassword), false).bindPassword());
        assertThrows(Refusal.class, () -> ConnectionDocuments.read(json(withoutPassword), true));
    }

    @Test
    void malformedSettingsAreRefused() {
        for (String more : List.of(",\"attributes\":{\"user\":\"not an attribute\"}", ",\"attributes\":{\"surname\":\"sn\"}",
                ",\"twoFactorGroups\":[\"2fa users\"]", ",\"schedule\":{\"incrementalMinutes\":0}",
                ",\"schedule\":{\"incrementalMinutes\":\"5\"}", ",\"trust\":{\"caFile\":\"/tmp/ca.pem\"}",
                ",\"urls\":[]", ",\"schedule\":[]")) {
            assertThrows(Refusal.class, () -> ConnectionDocuments.read(json(minimal("GENERIC_LDAP", more)), true), more);
        }
    }
}
