package org.twofold.mail.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Instant;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.twofold.mail.entity.OutboxMail;

/**
 * An outbox mail keeps one Message-ID on every attempt: the outbox sends at least once, and a mail sent again
 * after a crash (between the mail server's OK and the outbox's mark) must be recognisable as the same mail.
 */
class SmtpTransportTest {

    private final Session session = Session.getInstance(new Properties());

    @Test
    void theMessageIdIsTheOutboxIdOnEveryAttempt() throws Exception {
        OutboxMail mail = new OutboxMail("jdoe@corp.test", "Your one-time code", "1234 5678", null, Instant.now());

        MimeMessage first = SmtpTransport.compose(session, "twofold@corp.test", mail);
        MimeMessage again = SmtpTransport.compose(session, "twofold@corp.test", mail);

        assertEquals("<" + mail.id() + "@twofold>", first.getMessageID());
        assertEquals(first.getMessageID(), again.getMessageID());
        again.saveChanges();
        assertEquals(first.getMessageID(), again.getMessageID(), "saving again keeps it");
    }

    @Test
    void aMailWithAQrCodeKeepsItsMessageIdToo() throws Exception {
        OutboxMail mail = new OutboxMail("jdoe@corp.test", "Activate", "scan this", "twofold://activate?c=X", Instant.now());

        assertEquals("<" + mail.id() + "@twofold>", SmtpTransport.compose(session, "twofold@corp.test", mail).getMessageID());
    }

    @Test
    void twoMailsHaveTwoMessageIds() throws Exception {
        OutboxMail one = new OutboxMail("jdoe@corp.test", "s", "b", null, Instant.now());
        OutboxMail other = new OutboxMail("jdoe@corp.test", "s", "b", null, Instant.now());

        assertNotEquals(SmtpTransport.compose(session, "f@corp.test", one).getMessageID(),
                SmtpTransport.compose(session, "f@corp.test", other).getMessageID());
    }
}
