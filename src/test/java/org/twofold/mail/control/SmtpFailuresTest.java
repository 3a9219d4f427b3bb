package org.twofold.mail.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

import javax.net.ssl.SSLHandshakeException;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;

import org.junit.jupiter.api.Test;

/** A failed test mail is explained in words that name the setting to check or quote the server. */
class SmtpFailuresTest {

    private static final SmtpSettings SETTINGS = new SmtpSettings("mail.corp.test", 587, "twofold@corp.test", true, true);

    @Test
    void anUnknownHostNamesTheHostSetting() {
        String why = SmtpFailures.explain(new MessagingException("Couldn't connect", new UnknownHostException("mail.corp.test")), SETTINGS);
        assertEquals("The mail server's host name 'mail.corp.test' is not known (twofold.mail.host).", why);
    }

    @Test
    void aRefusedConnectionNamesHostAndPort() {
        String why = SmtpFailures.explain(new MessagingException("Couldn't connect",
                new ConnectException("Connection refused")), SETTINGS);
        assertTrue(why.startsWith("Nothing answers at mail.corp.test:587"), why);
    }

    @Test
    void aSilentServerIsATimeout() {
        String why = SmtpFailures.explain(new MessagingException("Exception reading response",
                new SocketTimeoutException("Read timed out")), SETTINGS);
        assertEquals("The mail server at mail.corp.test:587 did not answer within 10 seconds.", why);
    }

    @Test
    void aTlsFailureSaysSo() {
        String why = SmtpFailures.explain(new MessagingException("Could not convert socket to TLS",
                new SSLHandshakeException("PKIX path building failed")), SETTINGS);
        assertTrue(why.contains("TLS handshake") && why.contains("PKIX path building failed"), why);
    }

    @Test
    void wrongCredentialsNameTheUserNameAndPassword() {
        String why = SmtpFailures.explain(new AuthenticationFailedException("535 5.7.8 Authentication failed"), SETTINGS);
        assertEquals("The mail server refused the user name or password (twofold.mail.username, twofold.mail.password):"
                + " 535 5.7.8 Authentication failed", why);
    }

    @Test
    void aRefusedRecipientQuotesTheServer() throws Exception {
        SendFailedException refused = new SendFailedException("Invalid Addresses",
                new MessagingException("550 5.1.1 <nobody@corp.test>: Recipient address rejected"),
                new Address[0], new Address[0], new Address[] {new InternetAddress("nobody@corp.test")});
        assertEquals("The mail server refused the recipient: 550 5.1.1 <nobody@corp.test>: Recipient address rejected",
                SmtpFailures.explain(refused, SETTINGS));
    }

    @Test
    void noStartTlsOnTheServer() {
        String why = SmtpFailures.explain(new MessagingException("STARTTLS is required but host does not support STARTTLS"), SETTINGS);
        assertTrue(why.contains("does not offer STARTTLS"), why);
    }

    @Test
    void anythingElseQuotesTheServer() {
        String why = SmtpFailures.explain(new MessagingException("554 5.7.1 Relay access denied"), SETTINGS);
        assertEquals("The mail server at mail.corp.test:587 did not take the mail: 554 5.7.1 Relay access denied", why);
    }
}
