package org.twofold.auth.boundary;

import java.util.Map;

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

import org.twofold.auth.control.AuthSessions;
import org.twofold.auth.entity.AuthStatus;
import org.twofold.device.boundary.CurrentDevice;
import org.twofold.device.boundary.SignedByDevice;
import org.twofold.platform.control.JsonMembers;

/** {@code POST /device/auth-sessions/{id}/decision}: the user approves (with the number) or denies. */
@ApplicationScoped
@Path("device/auth-sessions/{id}/decision")
public class DecisionResource {

    enum Decision { APPROVE, DENY }

    @Inject
    AuthSessions sessions;

    @Inject
    CurrentDevice current;

    @POST
    @SignedByDevice
    @Transactional
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> decide(@PathParam("id") String id, JsonObject body) {
        JsonMembers request = JsonMembers.of(body);
        Decision decision = request.choice("decision", Decision.class);
        String number = decision == Decision.APPROVE ? request.text("number", 8) : null;
        AuthStatus outcome = sessions.decide(id, current.device(), current.identity().user(),
                decision == Decision.APPROVE, number, current.actor());
        return Map.of("status", outcome.name());
    }
}
