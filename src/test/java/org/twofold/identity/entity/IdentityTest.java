package org.twofold.identity.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.twofold.platform.control.Refusal;

/** A user's 2FA ID: canonical user names and the restore prompt. */
class IdentityTest {

    private static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");

    @ParameterizedTest
    @CsvSource({
            "jdoe, jdoe",
            "JDoe, jdoe",
            "'  jdoe  ', jdoe",
            "'\tJ.Doe@Example.COM\n', j.doe@example.com",
            "0xcafe, 0xcafe",
            "a, a",
            "a_b-c.d@e, a_b-c.d@e"
    })
    void canonicalUserLowerCasesAndStrips(String typed, String canonical) {
        assertEquals(canonical, Identity.canonicalUser(typed));
    }

    @Test
    void canonicalUserAllows128CharactersAndNoMore() {
        assertEquals("j".repeat(128), Identity.canonicalUser("J".repeat(128)));
        assertEquals("j".repeat(128), Identity.canonicalUser(" " + "j".repeat(128) + " "));
        refused("j".repeat(129));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n", "-jdoe", ".jdoe", "_jdoe", "@jdoe", "j doe", "j/doe", "j\\doe",
            "jdoe!", "jdöe", "jdoe\u0000", "j\u200bdoe", "ｊｄｏｅ", "j;doe", "j'doe", "cn=jdoe,dc=x", "j*"})
    void canonicalUserRejectsIllegalNames(String typed) {
        refused(typed);
    }

    @Test
    void newIdentityIsActiveWithACanonicalUser() {
        Identity identity = new Identity(" JDoe ", "j@example.test", "J. Doe", List.of(), NOW);
        assertEquals("jdoe", identity.user());
        assertEquals(IdentityStatus.ACTIVE, identity.status());
        assertTrue(identity.isActive());
        assertFalse(identity.restoreActive());
        assertEquals(0, identity.successfulLogins());
        assertEquals(NOW, identity.createdAt());
        assertThrows(Refusal.class, () -> new Identity("not valid", null, null, List.of(), NOW));
    }

    @Test
    void deactivateAndReactivate() {
        Identity identity = new Identity("jdoe", null, null, List.of(), NOW);
        identity.deactivate();
        assertEquals(IdentityStatus.DEACTIVATED, identity.status());
        assertFalse(identity.isActive());
        identity.reactivate();
        assertEquals(IdentityStatus.ACTIVE, identity.status());
        assertTrue(identity.isActive());
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 2, 3})
    void noRestorePromptBeforeTheFourthLogin(long logins) throws ReflectiveOperationException {
        assertFalse(identity(logins, false).restorePrompt());
    }

    @ParameterizedTest
    @ValueSource(longs = {4, 5, 100})
    void restorePromptFromTheFourthLoginWhileRestoreIsOff(long logins) throws ReflectiveOperationException {
        assertTrue(identity(logins, false).restorePrompt());
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 3, 4, 100})
    void noRestorePromptWhileRestoreIsOn(long logins) throws ReflectiveOperationException {
        assertFalse(identity(logins, true).restorePrompt());
    }

    /** Logins are counted by a database UPDATE in production; here the fields are set directly. */
    private static Identity identity(long successfulLogins, boolean restoreActive) throws ReflectiveOperationException {
        Identity identity = new Identity("jdoe", "j@example.test", "J. Doe", List.of(), NOW);
        Field logins = Identity.class.getDeclaredField("successfulLogins");
        logins.setAccessible(true);
        logins.setLong(identity, successfulLogins);
        Field restore = Identity.class.getDeclaredField("restoreActive");
        restore.setAccessible(true);
        restore.setBoolean(identity, restoreActive);
        return identity;
    }

    private static void refused(String typed) {
        Refusal refusal = assertThrows(Refusal.class, () -> Identity.canonicalUser(typed), typed);
        assertEquals("invalid-request", refusal.code());
        assertEquals(400, refusal.kind().status());
    }
}
