package org.twofold.mail.control;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Properties;

import jakarta.activation.DataHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.twofold.mail.entity.OutboxMail;
import org.twofold.platform.control.QrImage;

/** Hands mail to the SMTP server configured by {@code twofold.mail.*}. */
@ApplicationScoped
public class SmtpTransport {

    static final String TIMEOUT_MS = "10000";

    @Inject
    @ConfigProperty(name = "twofold.mail.host")
    String host;

    @Inject
    @ConfigProperty(name = "twofold.mail.port")
    int port;

    @Inject
    @ConfigProperty(name = "twofold.mail.from")
    String from;

    @Inject
    @ConfigProperty(name = "twofold.mail.starttls")
    boolean startTls;

    @Inject
    @ConfigProperty(name = "twofold.mail.username")
    Optional<String> username;

    @Inject
    @ConfigProperty(name = "twofold.mail.password")
    Optional<String> password;

    /** What the appliance sends with; the password never leaves this class. */
    public SmtpSettings settings() {
        return new SmtpSettings(host, port, from, startTls, username.filter(name -> !name.isBlank()).isPresent());
    }

    /** One SMTP connection for a batch of mails: a handshake per mail would cap the outbox at a few mails a second. */
    public Connection connect() throws MessagingException {
        Session session = session();
        Transport transport = session.getTransport("smtp");
        transport.connect();
        return new Connection(session, transport);
    }

    public final class Connection implements AutoCloseable {
        private final Session session;
        private final Transport transport;

        Connection(Session session, Transport transport) {
            this.session = session;
            this.transport = transport;
        }

        public void send(OutboxMail mail) throws MessagingException {
            MimeMessage message = compose(session, from, mail);
            transport.sendMessage(message, message.getAllRecipients());
        }

        /** A plain text mail that is not in the outbox (the administrator's test mail). */
        public void sendText(String recipient, String subject, String body) throws MessagingException {
            MimeMessage message = addressed(recipient, subject);
            message.setText(body, StandardCharsets.UTF_8.name());
            deliver(message);
        }

        private MimeMessage addressed(String recipient, String subject) throws MessagingException {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(from));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(recipient, true));
            message.setSubject(subject, StandardCharsets.UTF_8.name());
            return message;
        }

        private void deliver(MimeMessage message) throws MessagingException {
            message.saveChanges();
            transport.sendMessage(message, message.getAllRecipients());
        }

        @Override
        public void close() throws MessagingException {
            transport.close();
        }
    }

    /**
     * An outbox mail as it goes out, headers final. Its Message-ID is {@code <outbox id@twofold>} on every attempt:
     * a crash between the mail server's OK and the outbox's mark sends the mail again after the restart, and the
     * receiver (or the recipient's client) can tell the copy by that id.
     */
    static MimeMessage compose(Session session, String from, OutboxMail mail) throws MessagingException {
        MimeMessage message = new StableIdMessage(session, "<" + mail.id() + "@twofold>");
        message.setFrom(new InternetAddress(from));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.recipient(), true));
        message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
        if (mail.qrContent() == null) {
            message.setText(mail.body(), StandardCharsets.UTF_8.name());
        } else {
            MimeBodyPart text = new MimeBodyPart();
            text.setText(mail.body(), StandardCharsets.UTF_8.name());
            MimeBodyPart qr = new MimeBodyPart();
            qr.setDataHandler(new DataHandler(new ByteArrayDataSource(QrImage.png(mail.qrContent()), "image/png")));
            qr.setFileName("twofold-qr.png");
            qr.setDisposition(Part.INLINE);
            message.setContent(new MimeMultipart(text, qr));
        }
        message.saveChanges();
        return message;
    }

    /** {@link MimeMessage#saveChanges} would give every attempt a fresh random Message-ID; this one keeps its own. */
    private static final class StableIdMessage extends MimeMessage {
        private final String messageId;

        StableIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }

    private Session session() {
        Properties smtp = new Properties();
        smtp.put("mail.smtp.host", host);
        smtp.put("mail.smtp.port", Integer.toString(port));
        smtp.put("mail.smtp.connectiontimeout", TIMEOUT_MS);
        smtp.put("mail.smtp.timeout", TIMEOUT_MS);
        smtp.put("mail.smtp.writetimeout", TIMEOUT_MS);
        if (startTls) {
            smtp.put("mail.smtp.starttls.enable", "true");
            smtp.put("mail.smtp.starttls.required", "true");
        }
        if (username.isPresent()) {
            smtp.put("mail.smtp.auth", "true");
            return Session.getInstance(smtp, new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return new PasswordAuthentication(username.get(), password.orElse(""));
                }
            });
        }
        return Session.getInstance(smtp);
    }
}
