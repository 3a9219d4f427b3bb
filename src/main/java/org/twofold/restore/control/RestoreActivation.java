package org.twofold.restore.control;

import java.util.Optional;

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
import org.twofold.policy.control.EffectivePolicies;
import org.twofold.policy.control.EffectivePolicy;

/**
 * A device switches restore on and the restore code goes out through the policy's channel (shown once on
 * the device by default). Switching it on again replaces the code — the old one dies and the other devices
 * are told — so a user who lost the code but still has a phone re-issues it alone; it also re-opens restore
 * after a block. Where policy auto-activates restore, the first enrollment does it without the user acting.
 */
@ApplicationScoped
public class RestoreActivation {

    @Inject
    RestoreCodeIssue codeIssue;

    @Inject
    EffectivePolicies policies;

    @Inject
    Identities identities;

    @Inject
    Notifications notifications;

    @Inject
    AuditTrail audit;

    public IssuedRestoreCode activate(Device device, Actor actor) {
        Identity identity = identities.byId(device.identityId());
        EffectivePolicy policy = policies.of(identity);
        if (!policy.restoreAllowed()) {
            throw new Refusal(Refusal.Kind.CONFLICT, "restore-prohibited", "Restore is prohibited by policy for this identity");
        }
        boolean replacing = identity.restoreActive();
        IssuedRestoreCode issued = codeIssue.issue(identity, policy.restoreCodeDelivery(), Optional.of(device.id()), actor);
        if (replacing) {
            notifications.announce(identity.id(), NotificationType.RESTORE_CODE_REISSUED, device.id(), device.name());
        }
        audit.record(actor, replacing ? "restore.code-reissue" : "restore.activate", Identities.target(identity),
                Outcome.SUCCESS, "delivered via " + issued.delivery() + " (asked for by device " + device.id() + ")");
        return issued;
    }

    /**
     * Restore switched on for a newly enrolled identity when its policy auto-activates restore. An identity
     * the channel cannot reach (no address for a letter) enrolls anyway, without restore, and the refusal is
     * audited for the helpdesk to follow up.
     */
    public Optional<IssuedRestoreCode> activateForNewUser(Identity identity, Device firstDevice, Actor actor) {
        EffectivePolicy policy = policies.of(identity);
        if (identity.restoreActive() || !policy.autoActivateForNewUsers() || !policy.restoreAllowed()) {
            return Optional.empty();
        }
        try {
            codeIssue.requireReachable(identity, policy.restoreCodeDelivery());
        } catch (Refusal unreachable) {
            audit.record(actor, "restore.auto-activate", Identities.target(identity), Outcome.FAILED,
                    "not activated: " + unreachable.getMessage());
            return Optional.empty();
        }
        IssuedRestoreCode issued = codeIssue.issue(identity, policy.restoreCodeDelivery(), Optional.of(firstDevice.id()), actor);
        audit.record(actor, "restore.auto-activate", Identities.target(identity), Outcome.SUCCESS,
                "delivered via " + issued.delivery());
        return Optional.of(issued);
    }
}
