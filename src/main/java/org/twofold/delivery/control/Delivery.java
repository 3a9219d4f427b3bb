package org.twofold.delivery.control;

import org.twofold.delivery.entity.Channel;
import org.twofold.delivery.entity.DeliveryState;

/**
 * A restore code started on its way. {@code displayedCode} is the code itself only for DEVICE_DISPLAY;
 * {@code deliveryId} names what the helpdesk or the letter queue holds (null for DEVICE_DISPLAY).
 */
public record Delivery(Channel channel, String deliveryId, DeliveryState state, String displayedCode) {
}
