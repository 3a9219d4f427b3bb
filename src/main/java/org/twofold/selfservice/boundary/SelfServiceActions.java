package org.twofold.selfservice.boundary;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.twofold.audit.entity.Actor;
import org.twofold.device.control.DeviceRegistry;
import org.twofold.device.entity.Device;
import org.twofold.identity.control.Identities;
import org.twofold.identity.control.IssuedActivationCode;
import org.twofold.identity.entity.Identity;
import org.twofold.notification.control.NotificationView;
import org.twofold.notification.control.Notifications;
import org.twofold.notification.entity.Notification;
import org.twofold.platform.control.Refusal;
import org.twofold.platform.control.RequestOrigin;
import org.twofold.policy.control.EffectivePolicies;
import org.twofold.policy.control.EffectivePolicy;

/**
 * What a signed-in user does on the panel, always on their own identity (taken from the session, never from
 * the request), each in a transaction and audited as the user.
 */
@ApplicationScoped
public class SelfServiceActions {

    @Inject
    Identities identities;

    @Inject
    DeviceRegistry devices;

    @Inject
    Notifications notifications;

    @Inject
    EffectivePolicies policies;

    @Inject
    RequestOrigin origin;

    public Identity identity(SignedInUser user) {
        return identities.byId(user.identityId());
    }

    public List<Device> devices(SignedInUser user) {
        return devices.devicesOf(user.identityId());
    }

    public List<NotificationView> events(SignedInUser user) {
        return notifications.recent(user.identityId());
    }

    @Transactional
    public void unpair(SignedInUser user, String deviceId) {
        devices.requireOwn(user.identityId(), deviceId);
        devices.unpair(deviceId, user.user(), actor(user));
    }

    /**
     * "This wasn't me" on a device addition: the newcomer is blocked for good, as from a phone's notification.
     * The phone that approved this sign-in cannot be blocked from this session: unpair it instead.
     */
    @Transactional
    public void block(SignedInUser user, String notificationId) {
        Notification notification = notifications.requireOwn(user.identityId(), notificationId);
        if (!notification.blockable()) {
            throw new Refusal(Refusal.Kind.CONFLICT, "not-blockable", "Only device additions can be blocked");
        }
        if (notification.deviceId().equals(user.approvedBy())) {
            throw new Refusal(Refusal.Kind.CONFLICT, "cannot-block-self",
                    "This phone approved your sign-in; unpair it instead if it is not yours");
        }
        Device newcomer = devices.requireOwn(user.identityId(), notification.deviceId());
        notifications.markBlocked(notification.id());
        devices.block(newcomer, user.user(), actor(user));
    }

    /**
     * One more phone, with the approval of one the user has: the same trust as a duplication, so only where
     * policy allows duplication, and within the device limit.
     */
    @Transactional
    public IssuedActivationCode addPhone(SignedInUser user) {
        Identity identity = identity(user);
        EffectivePolicy policy = policies.of(identity);
        if (!policy.duplicationAllowed()) {
            throw new Refusal(Refusal.Kind.CONFLICT, "duplication-prohibited",
                    "Your organisation's policy does not allow adding a phone yourself; ask the helpdesk");
        }
        if (devices.activeDevicesOf(identity.id()).size() >= policy.maxDevicesPerIdentity()) {
            throw new Refusal(Refusal.Kind.CONFLICT, "device-limit",
                    "You have as many phones as policy allows; unpair one first");
        }
        return identities.issueActivationCode(identity.user(), actor(user));
    }

    private Actor actor(SignedInUser user) {
        return Actor.user(user.user(), origin.sourceAddress());
    }
}
