package org.twofold.delivery.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.twofold.audit.entity.Actor;
import org.twofold.delivery.entity.Channel;

/** The code waits sealed until the helpdesk prints the user's handout, once ({@link HelpdeskDeliveries}). */
@ApplicationScoped
public class InPersonChannel implements DeliveryChannel {

    @Inject
    HeldCodes held;

    @Override
    public Channel channel() {
        return Channel.IN_PERSON;
    }

    @Override
    public Delivery deliver(CodeRecipient recipient, String code, Actor actor) {
        return held.hold(Channel.IN_PERSON, recipient, code, null, actor);
    }
}
