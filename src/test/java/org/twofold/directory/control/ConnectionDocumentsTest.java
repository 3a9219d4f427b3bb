package org.twofold.directory.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
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

    private static String pem(String name) throws IOException {
        try (InputStream in = ConnectionDocumentsTest.class.getResourceAsStream("/certificates/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    private static String trustingCa(String pem) {
        return ",\"trust\":{\"caCertificates\":" + Json.createValue(pem) + "}";
    }

    @Test
    void aConnectionMayTrustItsOwnCaCertificatesButOnlyCaCertificates() throws IOException {
        String ca = pem("test-ca.pem");
        assertEquals(Optional.of(ca), ConnectionDocuments.read(json(minimal("ACTIVE_DIRECTORY", trustingCa(ca))), true)
                .trustedCaPem());

        Refusal leaf = assertThrows(Refusal.class, () -> ConnectionDocuments.read(json(minimal("ACTIVE_DIRECTORY",
                trustingCa(pem("not-a-ca.pem")))), true));
        assertTrue(leaf.getMessage().contains("not a CA's"), leaf::getMessage);
        assertThrows(Refusal.class, () -> ConnectionDocuments.read(json(minimal("ACTIVE_DIRECTORY",
                trustingCa("-----BEGIN CERTIFICATE-----\nnonsense\n-----END CERTIFICATE-----\n"))), true));
        assertThrows(Refusal.class, () -> ConnectionDocuments.read(json(minimal("ACTIVE_DIRECTORY",
                ",\"trust\":{\"caCertificates\":" + Json.createValue(ca) + ",\"pinnedSha256\":\"" + "ab".repeat(32) + "\"}")),
                true), "a pin or CAs, not both");
    }

    @Test
    void theScheduleMayBeSwitchedOffAndItsCronIsChecked() {
        assertFalse(ConnectionDocuments.read(json(minimal("GENERIC_LDAP", ",\"schedule\":{\"enabled\":false}")), true)
                .scheduleEnabled());
        assertTrue(ConnectionDocuments.read(json(minimal("GENERIC_LDAP", "")), true).scheduleEnabled());
        for (String more : List.of(",\"schedule\":{\"fullCron\":\"0 25 * * *\"}", ",\"schedule\":{\"fullCron\":\"0 3 * *\"}",
                ",\"schedule\":{\"every\":5}")) {
            assertThrows(Refusal.class, () -> ConnectionDocuments.read(json(minimal("GENERIC_LDAP", more)), true), more);
        }
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
