package org.twofold.restore.control;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.twofold.audit.entity.Actor;
import org.twofold.delivery.control.CodeRecipient;
import org.twofold.delivery.control.Delivery;
import org.twofold.delivery.control.RestoreCodeDeliveries;
import org.twofold.delivery.entity.Channel;
import org.twofold.identity.entity.Identity;
import org.twofold.platform.control.Refusal;

/**
 * Every new restore code — activation, re-activation, after a restore, helpdesk re-issue — is made and sent
 * here: the channel is checked first (a code nobody can receive must not kill a working one), then the
 * new code replaces the old one and goes out, and codes still waiting for an older delivery are destroyed.
 */
@ApplicationScoped
public class RestoreCodeIssue {

    @Inject
    RestoreCodes restoreCodes;

    @Inject
    RestoreCodeDeliveries deliveries;

    /** {@code displayingDevice}: the device whose display shows the code when the channel is DEVICE_DISPLAY. */
    public IssuedRestoreCode issue(Identity identity, Channel channel, Optional<String> displayingDevice, Actor actor) {
        CodeRecipient recipient = CodeRecipient.of(identity);
        deliveries.requireReachable(channel, recipient);
        if (channel == Channel.DEVICE_DISPLAY && displayingDevice.isEmpty()) {
            throw new IllegalArgumentException("A restore code for a device's display needs the device");
        }
        String code = restoreCodes.issue(identity.id(), channel == Channel.DEVICE_DISPLAY ? displayingDevice.get() : null);
        Delivery delivery = deliveries.deliver(channel, recipient, code, actor);
        return new IssuedRestoreCode(identity.user(), delivery.displayedCode(), channel, delivery.deliveryId());
    }

    /**
     * After a restore used the code up: a new code through the channel, or — when the channel cannot reach
     * the user (no postal address for a letter) — none, and restore is off until one is issued. The restore
     * itself must not fail for it: the user proved both factors and gets the identity back.
     */
    public Optional<IssuedRestoreCode> replaceAfterUse(Identity identity, Channel channel, Optional<String> displayingDevice,
                                                       Actor actor) {
        try {
            requireReachable(identity, channel);
        } catch (Refusal unreachable) {
            restoreCodes.retire(identity.id());
            deliveries.supersedeWaiting(identity.id());
            return Optional.empty();
        }
        return Optional.of(issue(identity, channel, displayingDevice, actor));
    }

    public void requireReachable(Identity identity, Channel channel) {
        deliveries.requireReachable(channel, CodeRecipient.of(identity));
    }
}
