package org.twofold.operator.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.twofold.audit.entity.Actor;
import org.twofold.operator.control.OperatorRecovery;
import org.twofold.platform.boundary.ProblemAnswer;
import org.twofold.platform.control.MaintenanceToken;

/**
 * {@code twofoldctl reset-admin-password}: a new password for a locked-out administrator, answered once. Only
 * from this machine, and only with the maintenance token from the data directory.
 */
@ApplicationScoped
@Path("maintenance/operators/{name}/password-reset")
@Produces(MediaType.APPLICATION_JSON)
public class MaintenanceOperatorResource {

    @Inject
    MaintenanceToken token;

    @Inject
    OperatorRecovery recovery;

    @Inject
    HttpServletRequest request;

    @POST
    public Response reset(@HeaderParam("Authorization") String authorization, @PathParam("name") String name) {
        if (!token.admits(request.getRemoteAddr(), authorization)) {
            return ProblemAnswer.of(401, MaintenanceToken.REFUSED_CODE, MaintenanceToken.REFUSED_TITLE);
        }
        String password = recovery.resetPassword(name, new Actor("maintenance", request.getRemoteAddr()));
        return Response.ok(Json.createObjectBuilder().add("operator", name).add("password", password).build()).build();
    }
}
