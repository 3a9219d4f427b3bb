package org.twofold.operator.boundary;

import java.io.Serializable;
import java.util.List;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.twofold.dashboard.boundary.Messages;

/** Actions waiting for a second operator (four eyes), and approving them. */
@Named("approvals")
@ViewScoped
public class ApprovalsPage implements Serializable {

    @Inject
    AdminApprovalsResource resource;

    private List<AdminApprovalsResource.Pending> pending;

    public void load() {
        pending = resource.pending();
    }

    public void approve(String approvalId) {
        if (Messages.run(() -> resource.approve(approvalId), "Approved and carried out.")) {
            load();
        }
    }

    public List<AdminApprovalsResource.Pending> getPending() {
        return pending;
    }
}
