package org.twofold.mail.control;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import org.twofold.audit.control.AuditTrail;
import org.twofold.audit.entity.Actor;
import org.twofold.audit.entity.Outcome;
import org.twofold.platform.control.Refusal;

/**
 * Sends one mail right away, past the outbox, over the same SMTP transport the outbox uses: an administrator
 * checking the mail settings wants the server's answer now, not a retry in five seconds.
 */
@ApplicationScoped
public class TestMailSender {

    static final String SUBJECT = "Twofold test mail";

    @Inject
    SmtpTransport smtp;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    /** Holds no transaction while it talks to the mail server; the audit entry has one of its own. */
    public MailTest send(String recipient, Actor actor) {
        String address = singleAddress(recipient);
        MailTest outcome;
        try (SmtpTransport.Connection connection = smtp.connect()) {
            connection.sendText(address, SUBJECT, "This is a test mail from Twofold, sent by " + actor.name()
                    + " at " + clock.instant() + ".\n\nOne-time codes and device notices reach users the same way.\n");
            outcome = new MailTest(true, "The mail server at " + smtp.settings().host() + ":" + smtp.settings().port()
                    + " took the test mail for " + address + ".");
        } catch (MessagingException | RuntimeException failed) {
            outcome = new MailTest(false, SmtpFailures.explain(failed, smtp.settings()));
        }
        audit.recordSeparately(actor, "mail.test", "mail:" + address, outcome.ok() ? Outcome.SUCCESS : Outcome.FAILED,
                outcome.ok() ? null : outcome.message());
        return outcome;
    }

    /** One plain address: no display name, no list, nothing a header could be smuggled in with. */
    static String singleAddress(String recipient) {
        try {
            InternetAddress[] parsed = InternetAddress.parse(recipient, true);
            if (parsed.length == 1 && parsed[0].getPersonal() == null && parsed[0].getAddress().contains("@")
                    && parsed[0].getAddress().equals(recipient.strip())) {
                return parsed[0].getAddress();
            }
        } catch (AddressException malformed) {
            // answered below, like any other address that is not one plain address
        }
        throw Refusal.invalidRequest("'" + recipient + "' is not one mail address, like someone@example.com");
    }
}
