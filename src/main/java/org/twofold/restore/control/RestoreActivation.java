package org.twofold.restore.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.twofold.audit.control.AuditTrail;
import org.twofold.audit.entity.Actor;
import org.twofold.audit.entity.Outcome;
import org.twofold.device.entity.Device;
import org.twofold.identity.control.Identities;
import org.twofold.identity.entity.Identity;
import org.twofold.notification.control.Notifications;
import org.twofold.notification.entity.NotificationType;
import org.twofold.platform.control.Refusal;

/**
 * A device switches restore on and is shown the restore code once. Switching it on again replaces the
 * code — the old one dies and the other devices are told — so a user who lost the code but still has a
 * phone re-issues it alone; it also re-opens restore after a block.
 */
@ApplicationScoped
public class RestoreActivation {

    @Inject
    RestoreCodes restoreCodes;

    @Inject
    RestoreRules rules;

    @Inject
    Identities identities;

    @Inject
    Notifications notifications;

    @Inject
    AuditTrail audit;

    public IssuedRestoreCode activate(Device device, Actor actor) {
        Identity identity = identities.byId(device.identityId());
        if (!rules.restoreAllowed(identity.id())) {
            throw new Refusal(Refusal.Kind.CONFLICT, "restore-prohibited", "Restore is prohibited by policy for this identity");
        }
        boolean replacing = identity.restoreActive();
        String code = restoreCodes.issue(identity.id(), device.id());
        if (replacing) {
            notifications.announce(identity.id(), NotificationType.RESTORE_CODE_REISSUED, device.id(), device.name());
        }
        audit.record(actor, replacing ? "restore.code-reissue" : "restore.activate", Identities.target(identity),
                Outcome.SUCCESS, "shown on device " + device.id());
        return new IssuedRestoreCode(identity.user(), code, rules.restoreCodeDelivery(identity.id()));
    }
}
