package org.twofold.restore.control;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.twofold.audit.control.AuditTrail;
import org.twofold.audit.entity.Actor;
import org.twofold.audit.entity.Outcome;
import org.twofold.delivery.entity.Channel;
import org.twofold.delivery.entity.DeliveryState;
import org.twofold.identity.control.Identities;
import org.twofold.identity.entity.Identity;
import org.twofold.notification.control.Notifications;
import org.twofold.notification.entity.NotificationType;
import org.twofold.operator.control.ApprovableAction;
import org.twofold.operator.control.Approvals;
import org.twofold.operator.entity.Approval;
import org.twofold.platform.control.Refusal;
import org.twofold.policy.control.EffectivePolicies;
import org.twofold.policy.control.EffectivePolicy;

/**
 * The helpdesk re-issues a lost restore code through a channel the identity's policy lists. Under
 * four-eyes the request waits for a second operator, and the policy is asked again when it is approved.
 * The old code dies when the new one is issued; every device is told; the audit names both operators.
 */
@ApplicationScoped
public class RestoreCodeReissue implements ApprovableAction {

    static final String ACTION = "restore-code.reissue";

    @Inject
    Identities identities;

    @Inject
    EffectivePolicies policies;

    @Inject
    RestoreCodeIssue codeIssue;

    @Inject
    Approvals approvals;

    @Inject
    Notifications notifications;

    @Inject
    AuditTrail audit;

    /** Either the code went out, or ({@code approvalId} set) it waits for a second operator. */
    public record Requested(ReissuedCode issued, String approvalId, Instant approvalExpiresAt) {
    }

    /** What the operator learns of a re-issued code: where it went, never the code. */
    public record ReissuedCode(String user, Channel channel, String deliveryId, String state, String approvedBy) {
    }

    public Requested request(String user, Channel channel, Actor operator) {
        Identity identity = identities.require(user);
        EffectivePolicy policy = policies.of(identity);
        requireAllowed(identity, policy, channel, operator);
        if (policy.reissueNeedsSecondOperator()) {
            Approval approval = approvals.request(ACTION, identity.id(), channel.name(), Identities.target(identity), operator);
            return new Requested(null, approval.id(), approval.expiresAt());
        }
        return new Requested(issue(identity, channel, operator, Optional.empty()), null, null);
    }

    @Override
    public String action() {
        return ACTION;
    }

    @Override
    public ReissuedCode carryOut(Approval approval, Actor approver) {
        Identity identity = identities.byId(approval.identityId());
        Channel channel = Channel.valueOf(approval.detail());
        requireAllowed(identity, policies.of(identity), channel, approver);
        return issue(identity, channel, approver, Optional.of(approval.requestedBy()));
    }

    private ReissuedCode issue(Identity identity, Channel channel, Actor operator, Optional<String> requestedBy) {
        IssuedRestoreCode issued = codeIssue.issue(identity, channel, Optional.empty(), operator);
        notifications.announce(identity.id(), NotificationType.RESTORE_CODE_REISSUED, null, "your helpdesk");
        String operators = requestedBy.map(requester -> "requested by " + requester + ", approved by " + operator.name())
                .orElse("by " + operator.name());
        audit.record(operator, "restore.code-reissue", Identities.target(identity),
                Outcome.SUCCESS, "lost code re-issued via " + channel + ", " + operators
                        + (issued.deliveryId() == null ? "" : ", delivery " + issued.deliveryId()));
        return new ReissuedCode(identity.user(), channel, issued.deliveryId(),
                (channel == Channel.EMAIL ? DeliveryState.DELIVERED : DeliveryState.PENDING).name(), requestedBy.map(r -> operator.name()).orElse(null));
    }

    private void requireAllowed(Identity identity, EffectivePolicy policy, Channel channel, Actor operator) {
        if (!policy.restoreAllowed()) {
            audit.recordRefusal(operator, ACTION, Identities.target(identity), "restore prohibited by policy");
            throw new Refusal(Refusal.Kind.CONFLICT, "restore-prohibited", "Restore is prohibited by policy for this identity");
        }
        if (!policy.lostCodeReissueChannels().contains(channel)) {
            audit.recordRefusal(operator, ACTION, Identities.target(identity), "channel " + channel + " not allowed");
            throw new Refusal(Refusal.Kind.CONFLICT, "channel-not-allowed",
                    "The identity's restore policy does not allow re-issuing a lost code through " + channel,
                    Map.of("allowedChannels", policy.lostCodeReissueChannels().stream().map(Enum::name).sorted().toList()));
        }
    }
}
