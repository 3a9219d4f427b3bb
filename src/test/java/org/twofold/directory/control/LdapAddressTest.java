package org.twofold.directory.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.twofold.platform.control.Refusal;

class LdapAddressTest {

    @ParameterizedTest
    @CsvSource({
            "ldap://dc1.corp.test, false, dc1.corp.test, 389",
            "ldaps://dc1.corp.test, true, dc1.corp.test, 636",
            "LDAPS://dc1.corp.test:3269, true, dc1.corp.test, 3269",
            "ldap://10.0.0.5:10389/, false, 10.0.0.5, 10389",
            "ldap://[::1]:389, false, ::1, 389"})
    void readsSchemeHostAndPortWithTheDefaultPorts(String url, boolean ldaps, String host, int port) {
        assertEquals(new LdapAddress(ldaps, host, port), LdapAddress.parse(url));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ldap://dc1.corp.test:389", "ldaps://dc1.corp.test:636", "ldap://[::1]:389"})
    void writesBackWhatItRead(String url) {
        assertEquals(url, LdapAddress.parse(url).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dc1.corp.test", "http://dc1", "ldap://", "ldap://dc1/ou=people", "ldap://dc1?uid",
            "ldap://user@dc1", "ldap://dc1 space", "ldapi:///var/run/slapd"})
    void anythingButHostAndPortIsRefused(String url) {
        assertThrows(Refusal.class, () -> LdapAddress.parse(url));
    }
}
