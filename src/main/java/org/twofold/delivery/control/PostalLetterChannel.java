package org.twofold.delivery.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.twofold.audit.entity.Actor;
import org.twofold.delivery.entity.Channel;
import org.twofold.platform.control.Refusal;

/** The code waits sealed in the letter queue until an operator prints it in a batch ({@link LetterQueue}). */
@ApplicationScoped
public class PostalLetterChannel implements DeliveryChannel {

    @Inject
    HeldCodes held;

    @Override
    public Channel channel() {
        return Channel.POSTAL_LETTER;
    }

    @Override
    public void requireReachable(CodeRecipient recipient) {
        if (recipient.postalAddress().isEmpty()) {
            throw new Refusal(Refusal.Kind.CONFLICT, "no-postal-address",
                    "This identity has no postal address to send a restore-code letter to");
        }
    }

    @Override
    public Delivery deliver(CodeRecipient recipient, String code, Actor actor) {
        requireReachable(recipient);
        return held.hold(Channel.POSTAL_LETTER, recipient, code, String.join("\n", recipient.postalAddress()), actor);
    }
}
