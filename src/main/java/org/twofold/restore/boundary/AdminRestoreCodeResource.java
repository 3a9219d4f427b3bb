package org.twofold.restore.boundary;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.twofold.delivery.entity.Channel;
import org.twofold.operator.boundary.AllowedRoles;
import org.twofold.operator.boundary.CurrentOperator;
import org.twofold.operator.entity.Role;
import org.twofold.platform.control.JsonMembers;
import org.twofold.restore.control.RestoreCodeReissue;

/**
 * {@code POST /admin/identities/{user}/restore-code {"channel"}}: the helpdesk re-issues a lost restore
 * code. 201 with where the code went; 202 {@code {"approvalId"}} when policy wants a second operator.
 */
@ApplicationScoped
@Path("admin/identities/{user}/restore-code")
@Produces(MediaType.APPLICATION_JSON)
public class AdminRestoreCodeResource {

    @Inject
    RestoreCodeReissue reissue;

    @Inject
    CurrentOperator operator;

    @POST
    @AllowedRoles({Role.ADMIN, Role.HELPDESK})
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response reissue(@PathParam("user") String user, JsonObject body) {
        Channel channel = JsonMembers.of(body).choice("channel", Channel.class);
        RestoreCodeReissue.Requested requested = reissue.request(user, channel, operator.actor());
        if (requested.approvalId() != null) {
            return Response.accepted(new AwaitingApproval(requested.approvalId(), requested.approvalExpiresAt())).build();
        }
        return Response.status(Response.Status.CREATED).entity(requested.issued()).build();
    }

    public record AwaitingApproval(String approvalId, Instant expiresAt) {
    }
}
