package org.twofold.auth.boundary;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.twofold.auth.control.RelyingParties;
import org.twofold.auth.entity.RelyingParty;
import org.twofold.operator.boundary.AllowedRoles;
import org.twofold.operator.boundary.CurrentOperator;
import org.twofold.operator.entity.Role;
import org.twofold.platform.control.JsonMembers;

/** Relying parties: an API key is in the answer that made it (creation or rotation) and nowhere else, ever. */
@ApplicationScoped
@Path("admin/relying-parties")
@AllowedRoles(Role.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class AdminRelyingPartiesResource {

    @Inject
    RelyingParties parties;

    @Inject
    CurrentOperator operator;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response register(JsonObject body) {
        String name = JsonMembers.of(body).text("name", 100);
        return created(parties.register(name, operator.actor()));
    }

    @GET
    public List<Listed> list() {
        return parties.all().stream().map(Listed::of).toList();
    }

    /** A new key, shown in this answer only; the old key is refused from now on. */
    @POST
    @Path("{id}/rotate")
    @Transactional
    public Response rotate(@PathParam("id") String id) {
        return created(parties.rotate(id, operator.actor()));
    }

    @POST
    @Path("{id}/revoke")
    @Transactional
    public Listed revoke(@PathParam("id") String id) {
        return Listed.of(parties.revoke(id, operator.actor()));
    }

    private static Response created(RelyingParties.Registered registered) {
        return Response.status(Response.Status.CREATED)
                .entity(new Created(registered.party().id(), registered.party().name(), registered.apiKey()))
                .build();
    }

    public record Created(String id, String name, String apiKey) {
    }

    public record Listed(String id, String name, Instant createdAt, boolean revoked, Instant revokedAt) {
        static Listed of(RelyingParty party) {
            return new Listed(party.id(), party.name(), party.createdAt(), party.isRevoked(), party.revokedAt());
        }
    }
}
