package org.twofold.delivery.control;

import jakarta.enterprise.context.ApplicationScoped;

import org.twofold.audit.entity.Actor;
import org.twofold.delivery.entity.Channel;
import org.twofold.delivery.entity.DeliveryState;

/** The code goes back to the device that asked, shown once; nothing is kept. */
@ApplicationScoped
public class DeviceDisplayChannel implements DeliveryChannel {

    @Override
    public Channel channel() {
        return Channel.DEVICE_DISPLAY;
    }

    @Override
    public Delivery deliver(CodeRecipient recipient, String code, Actor actor) {
        return new Delivery(Channel.DEVICE_DISPLAY, null, DeliveryState.DELIVERED, code);
    }
}
