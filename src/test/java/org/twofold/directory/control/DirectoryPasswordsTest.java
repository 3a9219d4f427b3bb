package org.twofold.directory.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.twofold.crypto.control.Pepper;
import org.twofold.crypto.control.SecretBox;
import org.twofold.directory.entity.DirectoryConnection;
import org.twofold.directory.entity.DirectoryFlavor;
import org.twofold.testing.Fixtures;
import org.twofold.testing.TestDirectory;

/** Password checks against a real LDAP server (UnboundID in-memory), as the self-service panel will use them. */
class DirectoryPasswordsTest {

    private static TestDirectory directory;
    private static SecretBox box;
    private static DirectoryPasswords passwords;

    @BeforeAll
    static void start() throws IOException {
        directory = TestDirectory.start();
        directory.addUser("jdoe", "correct horse");
        directory.addUser("other", "other password");
        Path pepper = Files.createTempDirectory("pepper").resolve("pepper");
        box = new SecretBox(Pepper.loadOrCreate(pepper, new SecureRandom()), new SecureRandom());
        DirectoryConnector connector = new DirectoryConnector();
        connector.box = box;
        passwords = new DirectoryPasswords();
        passwords.connector = connector;
    }

    @AfterAll
    static void stop() {
        directory.close();
    }

    private static DirectoryConnection connection(String url, String pinnedSha256, String bindPassword) {
        DirectoryConnection connection = new DirectoryConnection("test", Instant.now());
        connection.configure(DirectoryFlavor.GENERIC_LDAP, List.of(url), false, pinnedSha256, null, TestDirectory.BIND_DN,
                "ou=people," + TestDirectory.BASE_DN, DirectoryFlavor.GENERIC_LDAP.defaultUserFilter(),
                ConnectionDocuments.attributesJson(DirectoryFlavor.GENERIC_LDAP.defaultAttributes()).toString(), "[]", false, 5,
                "0 3 * * *", Instant.now());
        connection.sealedBindPassword(box.seal(bindPassword, connection.id()));
        return connection;
    }

    private static DirectoryConnection working() {
        return connection(directory.ldapsUrl(), directory.certificateSha256(), TestDirectory.BIND_PASSWORD);
    }

    @Test
    void theRightPasswordIsAccepted() {
        assertEquals(PasswordCheck.ACCEPTED, passwords.check(working(), "jdoe", "correct horse"));
        assertEquals(PasswordCheck.ACCEPTED, passwords.check(working(), " JDoe ", "correct horse"), "names as typed");
    }

    @Test
    void aWrongPasswordAnUnknownUserAndAnotherUsersPasswordAreRejectedAlike() {
        assertEquals(PasswordCheck.REJECTED, passwords.check(working(), "jdoe", "Correct horse"));
        assertEquals(PasswordCheck.REJECTED, passwords.check(working(), "nobody", "correct horse"));
        assertEquals(PasswordCheck.REJECTED, passwords.check(working(), "jdoe", "other password"));
    }

    @Test
    void anEmptyPasswordIsNeverAnAnonymousBindThatSucceeds() {
        assertEquals(PasswordCheck.REJECTED, passwords.check(working(), "jdoe", ""));
        assertEquals(PasswordCheck.REJECTED, passwords.check(working(), "", "correct horse"));
    }

    @Test
    void filterCharactersInTheUserNameMatchNothing() {
        assertEquals(PasswordCheck.REJECTED, passwords.check(working(), "*", "correct horse"));
        assertEquals(PasswordCheck.REJECTED, passwords.check(working(), "jdoe)(uid=*", "correct horse"));
    }

    @Test
    void anUnreachableDirectoryOrARefusedServiceAccountIsUnavailableNotRejected() {
        assertEquals(PasswordCheck.UNAVAILABLE, passwords.check(connection("ldap://127.0.0.1:" + Fixtures.unusedPort(), null,
                TestDirectory.BIND_PASSWORD), "jdoe", "correct horse"));
        assertEquals(PasswordCheck.UNAVAILABLE, passwords.check(connection(directory.ldapUrl(), null, "wrong"),
                "jdoe", "correct horse"));
    }
}
