package org.twofold.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.twofold.testing.Problems.assertProblem;

import java.time.Duration;
import java.util.List;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twofold.simulator.Appliance;
import org.twofold.simulator.Json;
import org.twofold.testing.ApplianceExtension;
import org.twofold.testing.ApplianceServer;
import org.twofold.testing.Fixtures;
import org.twofold.testing.TestMailServer;

/** An administrator sees the SMTP settings in effect (never a password) and sends a test mail right away. */
@ExtendWith(ApplianceExtension.class)
class MailSettingsIT {

    @Test
    void theSettingsInEffectAreShownWithoutThePassword(ApplianceServer server) {
        JsonObject mail = server.admin().call("GET", "mail", null).expect(200).json();

        assertEquals("127.0.0.1", mail.getString("host"));
        assertEquals(server.mail().port(), mail.getInt("port"));
        assertEquals("twofold@appliance.test", mail.getString("from"));
        assertFalse(mail.getBoolean("startTls"));
        assertFalse(mail.getBoolean("userNameSet"));
        assertTrue(mail.getJsonNumber("backlog").longValue() >= 0);
        assertFalse(mail.containsKey("password"), mail::toString);
    }

    @Test
    void aTestMailArrivesAndAFailureIsExplained(ApplianceServer server) {
        String recipient = Fixtures.unique("admin") + "@corp.test";

        JsonObject sent = server.admin().call("POST", "mail/test", Json.object("recipient", recipient)).expect(200).json();

        assertTrue(sent.getBoolean("ok"), sent::toString);
        String body = TestMailServer.bodyOf(server.mail().awaitMail(recipient, "Twofold test mail", Duration.ofSeconds(5)));
        assertTrue(body.contains("operator:admin"), body);

        server.mail().stop();
        JsonObject failed;
        try {
            failed = server.admin().call("POST", "mail/test", Json.object("recipient", recipient)).expect(200).json();
        } finally {
            server.mail().startAgain();
        }
        assertFalse(failed.getBoolean("ok"), failed::toString);
        assertEquals("Nothing answers at 127.0.0.1:" + server.mail().port() + ": the connection was refused. Check"
                + " twofold.mail.host and twofold.mail.port, and that the mail server runs.", failed.getString("message"));
        List<JsonObject> audited = server.admin().call("GET", "audit?action=mail.test&target=mail:" + recipient, null)
                .expect(200).array().getValuesAs(JsonObject.class);
        assertEquals(List.of("FAILED", "SUCCESS"), audited.stream().map(entry -> entry.getString("outcome")).toList());
        assertEquals(failed.getString("message"), audited.get(0).getString("detail"));

        assertProblem(server.admin().call("POST", "mail/test", Json.object("recipient", "a@corp.test, b@corp.test")),
                400, "invalid-request");
    }

    @Test
    void onlyAnAdministratorSeesOrTestsTheMailSettings(ApplianceServer server) {
        String recipient = Fixtures.unique("nobody") + "@corp.test";
        for (String role : new String[] {"HELPDESK", "SECURITY_OFFICER"}) {
            Appliance.Operator operator = Fixtures.operator(server, Fixtures.unique("op"), role);
            assertProblem(operator.call("GET", "mail", null), 403, "forbidden");
            assertProblem(operator.call("POST", "mail/test", Json.object("recipient", recipient)), 403, "forbidden");
        }
        assertTrue(server.mail().mailsTo(recipient).isEmpty());
    }
}
