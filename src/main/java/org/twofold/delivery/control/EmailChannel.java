package org.twofold.delivery.control;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.twofold.audit.control.AuditTrail;
import org.twofold.audit.entity.Actor;
import org.twofold.audit.entity.Outcome;
import org.twofold.delivery.entity.Channel;
import org.twofold.delivery.entity.CodeDelivery;
import org.twofold.delivery.entity.DeliveryState;
import org.twofold.mail.control.MailOutbox;
import org.twofold.platform.control.Refusal;

/**
 * The code is mailed through the outbox (the outbox erases a mail's text once it is sent). Weaker than the
 * other channels: the restore's one-time code goes to the same mailbox, so the mailbox alone restores —
 * policies choosing it are warned (see {@code PolicyDocuments.warnings}).
 */
@ApplicationScoped
public class EmailChannel implements DeliveryChannel {

    static final String SUBJECT = "Your Twofold restore code";

    @PersistenceContext
    EntityManager em;

    @Inject
    MailOutbox outbox;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public void requireReachable(CodeRecipient recipient) {
        if (recipient.email() == null) {
            throw new Refusal(Refusal.Kind.CONFLICT, "no-email-address",
                    "This identity has no email address to send a restore code to");
        }
    }

    @Override
    public Delivery deliver(CodeRecipient recipient, String code, Actor actor) {
        requireReachable(recipient);
        CodeDelivery delivery = new CodeDelivery(recipient.identityId(), Channel.EMAIL, recipient.email(), clock.instant(),
                actor.name());
        delivery.delivered(clock.instant(), "mail outbox", null);
        em.persist(delivery);
        outbox.enqueue(recipient.email(), SUBJECT, body(recipient, code));
        audit.record(actor, "restore-code.mailed", "identity:" + recipient.user(), Outcome.SUCCESS,
                "delivery " + delivery.id());
        return new Delivery(Channel.EMAIL, delivery.id(), DeliveryState.DELIVERED, null);
    }

    static String body(CodeRecipient recipient, String code) {
        return "Hello " + recipient.name() + ",\n\n"
                + "this is your new Twofold restore code for the user name " + recipient.user() + ":\n\n"
                + "    " + code + "\n\n"
                + "With it you get your Twofold ID back on a new phone when you lose or replace yours: open the\n"
                + "Twofold app, choose \"Restore\", enter your user name and this code. Or open this link on the new\n"
                + "phone:\n\n"
                + "    " + RestoreLink.of(recipient.user(), code) + "\n\n"
                + "Print this mail or write the code down, keep it somewhere safe, and delete the mail: anyone who\n"
                + "can read your mailbox and has this code can restore your ID. Any earlier restore code no longer\n"
                + "works.\n\n"
                + "If you did not expect this mail, call your helpdesk.\n\n"
                + "-- Twofold\n";
    }
}
