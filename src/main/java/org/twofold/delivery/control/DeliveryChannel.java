package org.twofold.delivery.control;

import org.twofold.audit.entity.Actor;
import org.twofold.delivery.entity.Channel;

/** One way a restore code reaches its user; one implementation per {@link Channel}. */
public interface DeliveryChannel {

    Channel channel();

    /**
     * Refuses (with a {@code Refusal}) a recipient this channel cannot reach — checked before a new code
     * replaces the old one, so a code nobody can receive never kills a working one.
     */
    default void requireReachable(CodeRecipient recipient) {
    }

    Delivery deliver(CodeRecipient recipient, String code, Actor actor);
}
