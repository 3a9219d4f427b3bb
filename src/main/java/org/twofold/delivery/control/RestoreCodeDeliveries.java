package org.twofold.delivery.control;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.twofold.audit.entity.Actor;
import org.twofold.delivery.entity.Channel;
import org.twofold.delivery.entity.CodePurpose;
import org.twofold.delivery.entity.DeliveryState;

/** Sends a new restore code through the channel policy names; codes still waiting for an older one die. */
@ApplicationScoped
public class RestoreCodeDeliveries {

    @PersistenceContext
    EntityManager em;

    @Inject
    @Any
    Instance<DeliveryChannel> channels;

    public void requireReachable(Channel channel, CodeRecipient recipient) {
        channelFor(channel).requireReachable(recipient);
    }

    public Delivery deliver(Channel channel, CodeRecipient recipient, String code, Actor actor) {
        supersedeWaiting(recipient.identityId());
        return channelFor(channel).deliver(recipient, code, actor);
    }

    /** A new code replaced the one these deliveries hold: they are destroyed unseen. */
    public int supersedeWaiting(String identityId) {
        return em.createQuery("UPDATE CodeDelivery d SET d.state = :superseded, d.sealedCode = NULL,"
                        + " d.version = d.version + 1 WHERE d.identityId = :identity AND d.state IN :waiting"
                        + " AND d.purpose = :restore")
                .setParameter("superseded", DeliveryState.SUPERSEDED)
                .setParameter("restore", CodePurpose.RESTORE)
                .setParameter("identity", identityId)
                .setParameter("waiting", List.of(DeliveryState.PENDING, DeliveryState.BATCHED))
                .executeUpdate();
    }

    private DeliveryChannel channelFor(Channel channel) {
        return channels.stream().filter(c -> c.channel() == channel).findFirst()
                .orElseThrow(() -> new IllegalStateException("No delivery channel " + channel));
    }
}
