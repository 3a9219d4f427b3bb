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
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.twofold.auth.control.RelyingParties;
import org.twofold.operator.boundary.AllowedRoles;
import org.twofold.operator.boundary.CurrentOperator;
import org.twofold.operator.entity.Role;
import org.twofold.platform.control.JsonMembers;

/** Relying parties: the API key is in the creation answer and nowhere else, ever. */
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
        RelyingParties.Registered registered = parties.register(name, operator.actor());
        return Response.status(Response.Status.CREATED)
                .entity(new Created(registered.party().id(), registered.party().name(), registered.apiKey()))
                .build();
    }

    @GET
    public List<Listed> list() {
        return parties.all().stream()
                .map(party -> new Listed(party.id(), party.name(), party.createdAt(), party.isRevoked()))
                .toList();
    }

    public record Created(String id, String name, String apiKey) {
    }

    public record Listed(String id, String name, Instant createdAt, boolean revoked) {
    }
}
