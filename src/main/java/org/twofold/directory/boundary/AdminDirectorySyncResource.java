package org.twofold.directory.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.twofold.directory.control.DirectorySync;
import org.twofold.directory.entity.DirectoryRun;
import org.twofold.directory.entity.SyncMode;
import org.twofold.operator.boundary.AllowedRoles;
import org.twofold.operator.boundary.CurrentOperator;
import org.twofold.operator.entity.Role;
import org.twofold.platform.control.JsonMembers;

/**
 * {@code POST /admin/directory/connections/{id}/sync {"mode":"FULL","dryRun":false}} starts a run in the
 * background: 202 {@code {"runId"}}, to follow at {@code /admin/directory/runs/{runId}}.
 */
@ApplicationScoped
@Path("admin/directory/connections/{id}/sync")
@Produces(MediaType.APPLICATION_JSON)
@AllowedRoles(Role.ADMIN)
public class AdminDirectorySyncResource {

    @Inject
    DirectorySync sync;

    @Inject
    CurrentOperator operator;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response sync(@PathParam("id") String connectionId, JsonObject body) {
        JsonMembers request = JsonMembers.of(body);
        DirectoryRun run = sync.start(connectionId, request.choice("mode", SyncMode.class), request.flag("dryRun", false),
                false, operator.actor());
        return Response.accepted(new Started(run.id())).build();
    }

    public record Started(String runId) {
    }
}
