package org.twofold.identity.boundary;

import java.io.Serializable;
import java.util.List;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.Json;
import jakarta.security.enterprise.SecurityContext;
import jakarta.ws.rs.core.Response;

import org.twofold.audit.boundary.AdminAuditResource;
import org.twofold.dashboard.boundary.Messages;
import org.twofold.dashboard.boundary.ShownOnce;
import org.twofold.delivery.entity.Channel;
import org.twofold.device.boundary.AdminDevicesResource;
import org.twofold.operator.entity.Role;
import org.twofold.platform.control.Refusal;
import org.twofold.policy.boundary.EffectivePolicyResource;
import org.twofold.policy.boundary.PolicyLine;
import org.twofold.restore.boundary.AdminRestoreCodeResource;

/**
 * One user: devices, status, restore, effective policy and audit timeline, with the helpdesk's actions.
 * Every action goes through the admin API's boundary methods, so role checks, transactions and audit
 * entries are the same as over REST.
 */
@Named("userPage")
@ViewScoped
public class UserPage implements Serializable {

    private static final int TIMELINE = 50;

    @Inject
    AdminIdentitiesResource identities;

    @Inject
    AdminDevicesResource devices;

    @Inject
    AdminRestoreCodeResource restoreCodes;

    @Inject
    EffectivePolicyResource effectivePolicy;

    @Inject
    AdminAuditResource audit;

    @Inject
    SecurityContext security;

    @Inject
    ShownOnce shownOnce;

    private String user;
    private AdminIdentitiesResource.Details details;
    private List<PolicyLine> policy;
    private List<AdminAuditResource.Entry> timeline;
    private Channel reissueChannel;

    public void load() {
        try {
            details = identities.details(user);
        } catch (Refusal notFound) {
            details = null;
            Messages.error(notFound.title());
            return;
        }
        policy = PolicyLine.of(effectivePolicy.explain(details.user()));
        timeline = mayReadAudit()
                ? audit.search("identity:" + details.user(), null, null, 0, TIMELINE)
                : List.of();
    }

    public void unpair(String deviceId) {
        if (Messages.run(() -> devices.unpair(deviceId), "Device unpaired; the user's other devices are told.")) {
            load();
        }
    }

    public void unblock(String deviceId) {
        if (Messages.run(() -> devices.unblock(deviceId), "Device unblocked.")) {
            load();
        }
    }

    public void deactivate() {
        if (Messages.run(() -> identities.deactivate(user), "Identity deactivated: every login fails until it is reactivated.")) {
            load();
        }
    }

    public void reactivate() {
        if (Messages.run(() -> identities.reactivate(user), "Identity reactivated.")) {
            load();
        }
    }

    public void unlockRestore() {
        if (Messages.run(() -> identities.unlockRestore(user), "Restore unlocked.")) {
            load();
        }
    }

    public void issueActivationCode() {
        Messages.run(() -> {
            AdminIdentitiesResource.ActivationCodeIssued issued = (AdminIdentitiesResource.ActivationCodeIssued)
                    identities.activationCode(user).getEntity();
            shownOnce.show(issued.activationCode(), issued.activationQr(), issued.expiresAt());
        }, "Activation code issued. It is shown only now.");
    }

    /** Either goes out at once, or waits for a second operator when policy asks for four eyes. */
    public void reissueRestoreCode() {
        if (reissueChannel == null) {
            Messages.error("Choose the channel the new restore code goes through.");
            return;
        }
        try {
            Response answer = restoreCodes.reissue(user, Json.createObjectBuilder()
                    .add("channel", reissueChannel.name()).build());
            if (answer.getStatus() == Response.Status.ACCEPTED.getStatusCode()) {
                Messages.info("Waiting for a second operator: another operator approves it under Approvals.");
            } else {
                Messages.info("New restore code issued by " + reissueChannel + ".");
            }
            load();
        } catch (Refusal refused) {
            Messages.error(refused.title());
        }
    }

    public boolean mayReadAudit() {
        return security.isCallerInRole(Role.SECURITY_OFFICER.name()) || security.isCallerInRole(Role.ADMIN.name());
    }

    public Channel[] getChannels() {
        return Channel.values();
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public AdminIdentitiesResource.Details getDetails() {
        return details;
    }

    public List<PolicyLine> getPolicy() {
        return policy;
    }

    public List<AdminAuditResource.Entry> getTimeline() {
        return timeline;
    }

    public Channel getReissueChannel() {
        return reissueChannel;
    }

    public void setReissueChannel(Channel reissueChannel) {
        this.reissueChannel = reissueChannel;
    }
}
