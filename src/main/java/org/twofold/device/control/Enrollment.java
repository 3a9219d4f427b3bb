package org.twofold.device.control;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.twofold.audit.control.AuditTrail;
import org.twofold.audit.entity.Actor;
import org.twofold.audit.entity.Outcome;
import org.twofold.device.entity.BoundVia;
import org.twofold.device.entity.Device;
import org.twofold.identity.control.ActivationCodes;
import org.twofold.identity.control.Identities;
import org.twofold.identity.entity.Identity;
import org.twofold.notification.control.Notifications;
import org.twofold.notification.entity.NotificationType;
import org.twofold.platform.control.Refusal;
import org.twofold.policy.control.EffectivePolicies;

/** Binds a new device key to the identity an activation code was issued for. */
@ApplicationScoped
public class Enrollment {

    @Inject
    ActivationCodes activationCodes;

    @Inject
    Identities identities;

    @Inject
    DeviceRegistry devices;

    @Inject
    Notifications notifications;

    @Inject
    EffectivePolicies policies;

    @Inject
    AuditTrail audit;

    public Enrolled enroll(String activationCode, String publicKey, String deviceName, String platform, Actor actor) {
        Identity identity = identities.byId(activationCodes.redeem(activationCode));
        if (!identity.isActive()) {
            // Answered like a bad code: an inactive identity must not gain devices, and the code stays unspent.
            throw new Refusal(Refusal.Kind.INVALID, "invalid-activation-code",
                    "The activation code is unknown, used or expired");
        }
        List<Device> active = devices.activeDevicesOf(identity.id());
        if (active.size() >= policies.of(identity).maxDevicesPerIdentity()) {
            throw tooManyDevices();
        }
        BoundDevice bound = devices.bind(identity.id(), publicKey, deviceName, platform, BoundVia.ENROLLMENT);
        notifications.announce(identity.id(), NotificationType.DEVICE_ADDED, bound.device().id(), deviceName);
        audit.record(actor, "device.enroll", DeviceRegistry.target(bound.device(), identity.user()),
                Outcome.SUCCESS, deviceName + ", " + platform);
        return new Enrolled(identity, bound, active.isEmpty());
    }

    /** The policy's {@code maxDevicesPerIdentity} is reached; a device must be unpaired first. */
    public static Refusal tooManyDevices() {
        return new Refusal(Refusal.Kind.CONFLICT, "too-many-devices",
                "This identity has as many active devices as its policy allows; unpair one first");
    }

    /** {@code first}: the identity had no active device before this one. */
    public record Enrolled(Identity identity, BoundDevice bound, boolean first) {
    }
}
