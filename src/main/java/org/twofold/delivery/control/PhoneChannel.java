package org.twofold.delivery.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.twofold.audit.entity.Actor;
import org.twofold.delivery.entity.Channel;

/** The code waits sealed until the helpdesk reveals it, once, to read it out ({@link HelpdeskDeliveries}). */
@ApplicationScoped
public class PhoneChannel implements DeliveryChannel {

    @Inject
    HeldCodes held;

    @Override
    public Channel channel() {
        return Channel.PHONE;
    }

    @Override
    public Delivery deliver(CodeRecipient recipient, String code, Actor actor) {
        return held.hold(Channel.PHONE, recipient, code, null, actor);
    }
}
