package org.twofold.delivery.boundary;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.twofold.delivery.entity.CodeDelivery;
import org.twofold.identity.control.Identities;
import org.twofold.identity.entity.Identity;

/** A restore code on its way, as operators list it: never the code. */
public record DeliveryView(String id, String user, String channel, String state, Instant createdAt,
                           String createdBy, String batchId, Instant deliveredAt, String deliveredBy) {

    static List<DeliveryView> of(List<CodeDelivery> deliveries, Identities identities) {
        Map<String, Identity> users = identities.byIds(deliveries.stream().map(CodeDelivery::identityId).toList());
        return deliveries.stream().map(d -> new DeliveryView(d.id(), users.get(d.identityId()).user(), d.channel().name(),
                d.state().name(),
                d.createdAt(), d.createdBy(), d.batchId(), d.deliveredAt(), d.deliveredBy())).toList();
    }
}
