package org.twofold.delivery.control;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.twofold.audit.control.AuditTrail;
import org.twofold.audit.entity.Actor;
import org.twofold.audit.entity.Outcome;
import org.twofold.crypto.control.SecretBox;
import org.twofold.delivery.entity.Channel;
import org.twofold.delivery.entity.CodeDelivery;
import org.twofold.delivery.entity.CodePurpose;
import org.twofold.delivery.entity.DeliveryState;

/**
 * Codes that wait for a printer or the helpdesk: kept sealed, bound to their delivery's id, until
 * delivered once.
 */
@ApplicationScoped
public class HeldCodes {

    @PersistenceContext
    EntityManager em;

    @Inject
    SecretBox box;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    public Delivery hold(Channel channel, CodeRecipient recipient, String code, String address, Actor actor) {
        return hold(channel, CodePurpose.RESTORE, recipient, code, address, actor);
    }

    public Delivery hold(Channel channel, CodePurpose purpose, CodeRecipient recipient, String code, String address,
                         Actor actor) {
        CodeDelivery delivery = new CodeDelivery(recipient.identityId(), channel, purpose, address, clock.instant(),
                actor.name());
        delivery.hold(box.seal(code, delivery.id()));
        em.persist(delivery);
        audit.record(actor, action(purpose, "held"), "identity:" + recipient.user(), Outcome.SUCCESS,
                channel + ", delivery " + delivery.id());
        return new Delivery(channel, delivery.id(), DeliveryState.PENDING, null);
    }

    /** The audit action for something done with a code of this purpose, e.g. "activation-code.held". */
    public static String action(CodePurpose purpose, String what) {
        return (purpose == CodePurpose.ACTIVATION ? "activation-code." : "restore-code.") + what;
    }

    /** The held code in clear text, for the one moment it is printed, handed out or read out. */
    public String open(CodeDelivery delivery) {
        return box.open(delivery.sealedCode(), delivery.id());
    }
}
