package org.twofold.directory.boundary;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.twofold.directory.control.ConnectionDocuments;
import org.twofold.directory.control.ConnectionSettings;
import org.twofold.directory.control.ConnectionTest;
import org.twofold.directory.control.DirectoryConnections;
import org.twofold.directory.control.DirectoryRuns;
import org.twofold.directory.entity.DirectoryConnection;
import org.twofold.operator.boundary.AllowedRoles;
import org.twofold.operator.boundary.CurrentOperator;
import org.twofold.operator.entity.Role;

/**
 * {@code /admin/directory/connections} (ADMIN): the directories users come from. The bind password is
 * write-only: stored sealed, never answered.
 */
@ApplicationScoped
@Path("admin/directory/connections")
@Produces(MediaType.APPLICATION_JSON)
@AllowedRoles(Role.ADMIN)
public class AdminDirectoryConnectionsResource {

    @Inject
    DirectoryConnections connections;

    @Inject
    DirectoryRuns runs;

    @Inject
    CurrentOperator operator;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response create(JsonObject body) {
        ConnectionSettings settings = ConnectionDocuments.read(body, true);
        DirectoryConnection created = connections.create(settings, operator.actor());
        return Response.status(Response.Status.CREATED).entity(Json.createObjectBuilder()
                .add("id", created.id())
                .add("warnings", Json.createArrayBuilder(settings.warnings()))
                .build()).build();
    }

    @GET
    public List<JsonObject> list() {
        return connections.all().stream().map(ConnectionDocuments::write).toList();
    }

    @GET
    @Path("{id}")
    public JsonObject get(@PathParam("id") String id) {
        return ConnectionDocuments.write(connections.require(id));
    }

    /** Additive to PROTOCOL.md: replaces the settings; leave {@code bindPassword} out to keep the stored one. */
    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public JsonObject update(@PathParam("id") String id, JsonObject body) {
        return ConnectionDocuments.write(connections.update(id, ConnectionDocuments.read(body, false), operator.actor()));
    }

    @DELETE
    @Path("{id}")
    @Transactional
    public Response delete(@PathParam("id") String id) {
        connections.delete(id, operator.actor());
        return Response.noContent().build();
    }

    /** Additive to PROTOCOL.md: the latest 50 runs of the connection (scheduled ones too), newest first. */
    @GET
    @Path("{id}/runs")
    public List<AdminDirectoryRunsResource.RunView> runs(@PathParam("id") String id) {
        connections.require(id);
        return runs.latest(id, 50).stream().map(run -> AdminDirectoryRunsResource.RunView.of(run, null)).toList();
    }

    /** 200 {@code {"ok","message"}}: connects, binds and reads the base DN, with a message an operator can act on. */
    @POST
    @Path("{id}/test")
    public ConnectionTest test(@PathParam("id") String id) {
        return connections.test(id, operator.actor());
    }
}
