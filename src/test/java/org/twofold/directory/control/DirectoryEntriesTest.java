package org.twofold.directory.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.twofold.directory.entity.AttributeMapping;
import org.twofold.directory.entity.DirectoryFlavor;

import com.unboundid.ldap.sdk.Entry;

class DirectoryEntriesTest {

    private static final DirectoryEntries AD = new DirectoryEntries(DirectoryFlavor.ACTIVE_DIRECTORY,
            DirectoryFlavor.ACTIVE_DIRECTORY.defaultAttributes());
    private static final DirectoryEntries LDAP = new DirectoryEntries(DirectoryFlavor.GENERIC_LDAP,
            new AttributeMapping("uid", "mail", "cn", List.of("postalAddress"),
                    "telephoneNumber", "nsAccountLock"));
    /** objectGUID as AD stores it for {@code 2e5a3e1c-6b2f-4c8a-9d3e-0f1a2b3c4d5e} */
    private static final byte[] GUID = HexFormat.of().parseHex("1c3e5a2e2f6b8a4c9d3e0f1a2b3c4d5e");

    private static Entry adUser(int userAccountControl) {
        Entry entry = new Entry("CN=Jane Doe,OU=Staff,DC=corp,DC=test");
        entry.addAttribute("objectGUID", GUID);
        entry.addAttribute("sAMAccountName", "JDoe");
        entry.addAttribute("mail", "jane.doe@corp.test");
        entry.addAttribute("displayName", "Jane Doe");
        entry.addAttribute("streetAddress", "Main Street 1");
        entry.addAttribute("postalCode", "8000");
        entry.addAttribute("userAccountControl", String.valueOf(userAccountControl));
        entry.addAttribute("memberOf", "CN=2FA Users, OU=Groups, DC=corp, DC=test");
        return entry;
    }

    @Test
    void anActiveDirectoryUserIsLinkedByItsGuidAndNamedByItsAccountName() {
        DirectoryUser user = AD.read(adUser(0x200)).user();

        assertEquals("2e5a3e1c-6b2f-4c8a-9d3e-0f1a2b3c4d5e", user.key());
        assertEquals("jdoe", user.user());
        assertEquals(List.of("Main Street 1", "8000"), user.postalAddress());
        assertEquals(Set.of("cn=2fa users,ou=groups,dc=corp,dc=test"), user.groups());
        assertTrue(user.enabled());
    }

    @Test
    void bitTwoOfUserAccountControlDisablesTheAccount() {
        assertFalse(AD.read(adUser(0x202)).user().enabled());
        assertTrue(AD.read(adUser(0x10200)).user().enabled());
    }

    @Test
    void genericLdapUsesEntryUuidAndTheConfiguredDisabledAttribute() {
        Entry entry = new Entry("uid=jdoe,ou=people,dc=corp,dc=test");
        entry.addAttribute("entryUUID", "9F1E6F34-2B6B-4D47-8B5C-5E8E3C5D1A2B");
        entry.addAttribute("uid", "jdoe");
        entry.addAttribute("postalAddress", "Main Street 1$8000 Zurich$");
        assertEquals("9f1e6f34-2b6b-4d47-8b5c-5e8e3c5d1a2b", LDAP.read(entry).user().key());
        assertEquals(List.of("Main Street 1", "8000 Zurich"), LDAP.read(entry).user().postalAddress());
        assertTrue(LDAP.read(entry).user().enabled());

        entry.addAttribute("nsAccountLock", "TRUE");
        assertFalse(LDAP.read(entry).user().enabled());
        entry.setAttribute("nsAccountLock", "false");
        assertTrue(LDAP.read(entry).user().enabled());
    }

    @Test
    void entriesThatCannotBeUsersSayWhy() {
        Entry noKey = new Entry("uid=a,dc=corp,dc=test");
        noKey.addAttribute("uid", "a");
        assertNull(LDAP.read(noKey).user());
        assertTrue(LDAP.read(noKey).error().contains("entryUUID"));

        Entry noName = adUser(0x200);
        noName.removeAttribute("sAMAccountName");
        assertTrue(AD.read(noName).error().contains("sAMAccountName"));

        Entry badName = adUser(0x200);
        badName.setAttribute("sAMAccountName", "jane doe");
        assertTrue(AD.read(badName).error().contains("not a usable user name"));
    }
}
