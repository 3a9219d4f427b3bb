package org.twofold.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * A real SMTP server (GreenMail) the appliance sends to. It can be stopped and started again on the
 * same port, to prove that mail queued during an outage is delivered afterwards.
 */
public final class TestMailServer implements AutoCloseable {

    private static final Pattern OTP = Pattern.compile("(\\d{4}) (\\d{4})");

    private final int port;
    private GreenMail greenMail;

    private TestMailServer(int port) {
        this.port = port;
    }

    public static TestMailServer start(int port) {
        TestMailServer server = new TestMailServer(port);
        server.startAgain();
        return server;
    }

    public int port() {
        return port;
    }

    public synchronized void stop() {
        if (greenMail != null) {
            greenMail.stop();
            greenMail = null;
        }
    }

    public synchronized void startAgain() {
        if (greenMail == null) {
            greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            greenMail.start();
        }
    }

    /** The mails received for this recipient so far. */
    public synchronized List<MimeMessage> mailsTo(String recipient) {
        if (greenMail == null) {
            return List.of();
        }
        return Arrays.stream(greenMail.getReceivedMessages()).filter(to(recipient)).toList();
    }

    /** Waits (up to {@code timeout}) for a mail to the recipient whose subject contains the text. */
    public MimeMessage awaitMail(String recipient, String subjectContains, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Optional<MimeMessage> found = mailsTo(recipient).stream().filter(subject(subjectContains)).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            sleep(100);
        }
        throw new AssertionError("no mail to " + recipient + " with '" + subjectContains + "' within " + timeout
                + "; received: " + mailsTo(recipient).stream().map(TestMailServer::subjectOf).toList());
    }

    /** The 8-digit one-time code of the newest OTP mail to the recipient. */
    public String awaitOtp(String recipient) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            List<MimeMessage> otpMails = mailsTo(recipient).stream().filter(subject("one-time code")).toList();
            if (!otpMails.isEmpty()) {
                Matcher matcher = OTP.matcher(GreenMailUtil.getBody(otpMails.get(otpMails.size() - 1)));
                if (matcher.find()) {
                    return matcher.group(1) + matcher.group(2);
                }
            }
            sleep(100);
        }
        throw new AssertionError("no one-time code mailed to " + recipient + " within 20 s");
    }

    public static String bodyOf(MimeMessage message) {
        return GreenMailUtil.getBody(message);
    }

    public static String subjectOf(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Predicate<MimeMessage> to(String recipient) {
        return message -> {
            try {
                return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                        .anyMatch(address -> address.toString().equalsIgnoreCase(recipient));
            } catch (MessagingException e) {
                return false;
            }
        };
    }

    private static Predicate<MimeMessage> subject(String contains) {
        return message -> subjectOf(message).contains(contains);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
