package org.twofold.auth.boundary;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.twofold.auth.control.AuthSessions;
import org.twofold.auth.entity.AuthSession;
import org.twofold.platform.control.JsonMembers;

/** The relying-party side of a login: start it, poll it, cancel it. */
@ApplicationScoped
@Path("rp/auth-sessions")
@RelyingPartyAuthenticated
@Produces(MediaType.APPLICATION_JSON)
public class RpAuthSessionsResource {

    static final long POLL_AFTER_MS = 1000;

    @Inject
    AuthSessions sessions;

    @Inject
    CurrentRelyingParty current;

    @Inject
    Clock clock;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response start(JsonObject body) {
        JsonMembers request = JsonMembers.of(body);
        AuthSession session = sessions.start(current.party(), request.text("user", 256),
                request.optionalText("context", 500).orElse(null));
        return Response.status(Response.Status.CREATED)
                .entity(new Started(session.id(), session.displayNumber(), session.expiresAt(), POLL_AFTER_MS))
                .build();
    }

    @GET
    @Path("{id}")
    public SessionStatus status(@PathParam("id") String id) {
        AuthSession session = sessions.ofRelyingParty(id, current.party());
        return new SessionStatus(session.id(), sessions.userOf(session), session.statusAt(clock.instant()).name(),
                session.deviceId(), session.decidedAt());
    }

    @DELETE
    @Path("{id}")
    @Transactional
    public Response cancel(@PathParam("id") String id) {
        sessions.cancel(id, current.party());
        return Response.noContent().build();
    }

    public record Started(String id, String displayNumber, Instant expiresAt, long pollAfterMs) {
    }

    public record SessionStatus(String id, String user, String status, String deviceId, Instant decidedAt) {
    }
}
