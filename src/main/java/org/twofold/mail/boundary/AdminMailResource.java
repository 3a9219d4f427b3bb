package org.twofold.mail.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.twofold.mail.control.MailOutbox;
import org.twofold.mail.control.MailTest;
import org.twofold.mail.control.SmtpSettings;
import org.twofold.mail.control.SmtpTransport;
import org.twofold.mail.control.TestMailSender;
import org.twofold.operator.boundary.AllowedRoles;
import org.twofold.operator.boundary.CurrentOperator;
import org.twofold.operator.entity.Role;
import org.twofold.platform.control.JsonMembers;

/** The mail settings in effect (from the configuration, never the password), the outbox backlog, a test mail. */
@ApplicationScoped
@Path("admin/mail")
@AllowedRoles(Role.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class AdminMailResource {

    @Inject
    SmtpTransport smtp;

    @Inject
    MailOutbox outbox;

    @Inject
    TestMailSender testMail;

    @Inject
    CurrentOperator operator;

    @GET
    public MailStatus status() {
        SmtpSettings settings = smtp.settings();
        return new MailStatus(settings.host(), settings.port(), settings.from(), settings.startTls(),
                settings.userNameSet(), outbox.backlog());
    }

    /** 200 {@code {"ok","message"}}: sends one mail now, past the outbox, and says how the mail server answered. */
    @POST
    @Path("test")
    @Consumes(MediaType.APPLICATION_JSON)
    public MailTest test(JsonObject body) {
        return testMail.send(JsonMembers.of(body).text("recipient", 254), operator.actor());
    }

    public record MailStatus(String host, int port, String from, boolean startTls, boolean userNameSet, long backlog) {
    }
}
