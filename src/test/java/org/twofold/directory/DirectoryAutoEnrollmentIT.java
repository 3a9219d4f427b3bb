package org.twofold.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.json.JsonObject;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twofold.testing.ApplianceExtension;
import org.twofold.testing.ApplianceServer;
import org.twofold.testing.Fixtures;
import org.twofold.testing.Pdfs;
import org.twofold.testing.PolicyFixtures;
import org.twofold.testing.SyncRuns;
import org.twofold.testing.TestDirectory;
import org.twofold.testing.TestMailServer;

/**
 * Users the directory sync creates get their activation code as their group's policy says: by mail with
 * the enrollment QR attached, or as a letter in the print queue; a user without a mail address is created
 * anyway and reported. Each code really enrolls a phone; a second run sends nothing again.
 */
@ExtendWith(ApplianceExtension.class)
class DirectoryAutoEnrollmentIT {

    private TestDirectory directory;
    private ApplianceServer server;
    private String ou;
    private String prefix;

    private String group(String name, String delivery) throws Exception {
        String dn = "cn=" + name + "," + ou;
        directory.server().add("dn: " + dn, "objectClass: groupOfNames", "cn: " + name, "member: " + ou);
        PolicyFixtures.save(server, Fixtures.unique("enroll"), "{\"priority\":" + PolicyFixtures.uniquePriority()
                + ",\"groups\":[\"" + dn + "\"],\"activationCodeDelivery\":\"" + delivery + "\"}").expect(201);
        return dn;
    }

    private String user(String name, String group, String... more) throws Exception {
        List<String> lines = new ArrayList<>(List.of("dn: uid=" + name + "," + ou, "objectClass: inetOrgPerson", "uid: " + name,
                "cn: Name of " + name, "sn: " + name, "memberOf: " + group));
        lines.addAll(List.of(more));
        directory.server().add(lines.toArray(String[]::new));
        return name;
    }

    private JsonObject sync(String connection) {
        JsonObject run = SyncRuns.run(server, connection, "{\"mode\":\"FULL\"}");
        assertEquals("SUCCEEDED", run.getString("status"), run::toString);
        return run;
    }

    private static String codeIn(String enrollLink) {
        assertTrue(enrollLink.startsWith("twofold://enroll?h="), enrollLink);
        return URLDecoder.decode(enrollLink.substring(enrollLink.indexOf("&c=") + 3), StandardCharsets.UTF_8);
    }

    private static byte[] attachment(MimeMessage mail) throws Exception {
        Multipart parts = (Multipart) mail.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (part.isMimeType("image/png")) {
                ByteArrayOutputStream png = new ByteArrayOutputStream();
                part.getDataHandler().writeTo(png);
                return png.toByteArray();
            }
        }
        throw new AssertionError("no PNG attached");
    }

    @Test
    void newUsersGetTheirActivationCodeByMailOrLetterAsTheirPolicySays(ApplianceServer server) throws Exception {
        this.server = server;
        prefix = Fixtures.unique("ae");
        ou = "ou=" + prefix + ",ou=people," + TestDirectory.BASE_DN;
        try (TestDirectory started = TestDirectory.start()) {
            directory = started;
            directory.server().add("dn: " + ou, "objectClass: organizationalUnit", "ou: " + prefix);
            enrollmentByMailAndLetter();
        }
    }

    private void enrollmentByMailAndLetter() throws Exception {
        String mailGroup = group(prefix + "-mail", "EMAIL");
        String letterGroup = group(prefix + "-letter", "POSTAL_LETTER");
        String mailed = user(prefix + "-mailed", mailGroup, "mail: " + prefix + "-mailed@corp.test");
        String noAddress = user(prefix + "-noaddress", mailGroup);
        String lettered = user(prefix + "-lettered", letterGroup, "postalAddress: Main Street 1$8000 Zurich");
        String helpdesk = user(prefix + "-helpdesk", "cn=no-policy," + ou, "mail: " + prefix + "-helpdesk@corp.test");
        String connection = server.admin().call("POST", "directory/connections", directory.connection(ou).build().toString())
                .expect(201).json().getString("id");

        JsonObject run = sync(connection);

        assertEquals(4, run.getInt("created"), run::toString);
        assertEquals(1, run.getInt("errors"), run::toString);
        JsonObject error = run.getJsonArray("errorEntries").getJsonObject(0);
        assertEquals("uid=" + noAddress + "," + ou, error.getString("dn"));
        assertTrue(error.getString("message").contains("no mail address"), error::toString);
        assertEquals("ACTIVE", Fixtures.identity(server, noAddress).getString("status"), "created all the same");

        MimeMessage mail = server.mail().awaitMail(prefix + "-mailed@corp.test", "Set up your Twofold ID", Duration.ofSeconds(20));
        String link = Pdfs.qrInImage(attachment(mail));
        assertNotNull(link, "the attached QR code scans");
        assertTrue(((Multipart) mail.getContent()).getBodyPart(0).getContent().toString().contains(codeIn(link)),
                "the mail's text has the code to type too");
        server.client().from(Fixtures.uniqueAddress()).newDevice("phone").enroll(codeIn(link)).expect(201);
        assertEquals(1, Fixtures.identity(server, mailed).getJsonArray("devices").size());

        JsonObject batch = server.admin().call("POST", "letters/batches", null).expect(201).json();
        Pdfs.Read letters = Pdfs.read(server.admin().download("GET", "letters/batches/" + batch.getString("id") + "/pdf", null)
                .expect(200, "application/pdf").bytes());
        int page = -1;
        for (int i = 0; i < letters.pages(); i++) {
            if (letters.pageTexts().get(i).contains(lettered)) {
                page = i;
            }
        }
        assertTrue(page >= 0, "a letter for " + lettered);
        assertTrue(letters.pageTexts().get(page).contains("Your Twofold activation code"), letters.pageTexts().get(page));
        assertTrue(letters.pageTexts().get(page).contains("8000 Zurich"));
        server.client().from(Fixtures.uniqueAddress()).newDevice("phone").enroll(codeIn(letters.qrCodes().get(page)))
                .expect(201);
        server.admin().call("POST", "letters/batches/" + batch.getString("id") + "/printed", null).expect(200);

        assertEquals(List.of(), server.mail().mailsTo(prefix + "-helpdesk@corp.test"), "the default policy sends nothing");
        assertEquals(0, Fixtures.identity(server, helpdesk).getJsonArray("devices").size());
        assertEquals(0, sync(connection).getInt("created"));
        assertEquals(1, server.mail().mailsTo(prefix + "-mailed@corp.test").stream()
                .filter(sent -> TestMailServer.subjectOf(sent).contains("Set up")).count(), "a later run sends nothing again");
    }
}
