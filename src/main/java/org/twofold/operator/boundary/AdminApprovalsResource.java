package org.twofold.operator.boundary;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.twofold.identity.control.Identities;
import org.twofold.identity.entity.Identity;
import org.twofold.operator.control.Approvals;
import org.twofold.operator.entity.Approval;
import org.twofold.operator.entity.Role;

/** {@code /admin/approvals}: actions waiting for a second operator, and approving them (four-eyes). */
@ApplicationScoped
@Path("admin/approvals")
@Produces(MediaType.APPLICATION_JSON)
@AllowedRoles({Role.ADMIN, Role.HELPDESK})
public class AdminApprovalsResource {

    @Inject
    Approvals approvals;

    @Inject
    CurrentOperator operator;

    @Inject
    Identities identities;

    /** Each with the user it concerns (additive member {@code user}), so the approver knows whom it is about. */
    @GET
    public List<Pending> pending() {
        List<Approval> pending = approvals.pending(200);
        Map<String, Identity> users = identities.byIds(pending.stream().map(Approval::identityId).toList());
        return pending.stream().map(approval -> Pending.of(approval, users.get(approval.identityId()))).toList();
    }

    /** 201 with the approved action's answer; 409 {@code same-operator} for the operator who asked for it. */
    @POST
    @Path("{approvalId}/approve")
    @Transactional
    public Response approve(@PathParam("approvalId") String approvalId) {
        return Response.status(Response.Status.CREATED).entity(approvals.approve(approvalId, operator.actor())).build();
    }

    public record Pending(String id, String action, String user, String detail, String requestedBy,
                          Instant requestedAt, Instant expiresAt) {
        static Pending of(Approval approval, Identity identity) {
            return new Pending(approval.id(), approval.action(), identity == null ? null : identity.user(),
                    approval.detail(), approval.requestedBy(), approval.requestedAt(), approval.expiresAt());
        }
    }
}
