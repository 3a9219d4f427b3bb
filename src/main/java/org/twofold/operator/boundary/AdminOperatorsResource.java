package org.twofold.operator.boundary;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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

import org.twofold.audit.control.AuditTrail;
import org.twofold.audit.entity.Outcome;
import org.twofold.operator.control.Operators;
import org.twofold.operator.control.SignInThrottle;
import org.twofold.operator.entity.Operator;
import org.twofold.operator.entity.Role;
import org.twofold.platform.control.JsonMembers;
import org.twofold.platform.control.Refusal;

/** Operator accounts (ADMIN only). */
@ApplicationScoped
@Path("admin/operators")
@AllowedRoles(Role.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class AdminOperatorsResource {

    private static final int MAX_PASSWORD = 1024;

    @Inject
    Operators operators;

    @Inject
    CurrentOperator current;

    @Inject
    AuditTrail audit;

    @Inject
    SignInThrottle throttle;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response create(JsonObject body) {
        JsonMembers request = JsonMembers.of(body);
        String name = request.text("name", 64);
        String password = request.text("password", MAX_PASSWORD);
        Set<Role> roles = roles(request);
        Operator operator = operators.create(name, password, roles);
        audit.record(current.actor(), "operator.create", "operator:" + name, Outcome.SUCCESS, "roles " + roles);
        return Response.status(Response.Status.CREATED).entity(Listed.of(operator)).build();
    }

    @GET
    public List<Listed> list() {
        return operators.all().stream().map(Listed::of).toList();
    }

    @PUT
    @Path("{name}/roles")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Listed changeRoles(@PathParam("name") String name, JsonObject body) {
        Set<Role> roles = roles(JsonMembers.of(body));
        Operators.RolesChanged changed = operators.changeRoles(name, roles, current.name());
        audit.record(current.actor(), "operator.roles", "operator:" + name, Outcome.SUCCESS,
                changed.before() + " -> " + roles);
        return Listed.of(changed.operator());
    }

    /**
     * Sets a new password (the same rules as at creation). The operator's dashboard sessions end, and a
     * sign-in lock on the name is lifted, so the new password works at once.
     */
    @PUT
    @Path("{name}/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response changePassword(@PathParam("name") String name, JsonObject body) {
        operators.changePassword(name, JsonMembers.of(body).text("password", MAX_PASSWORD));
        audit.record(current.actor(), "operator.password", "operator:" + name, Outcome.SUCCESS, null);
        throttle.unlockName(name);
        return Response.noContent().build();
    }

    @DELETE
    @Path("{name}")
    @Transactional
    public Response delete(@PathParam("name") String name) {
        operators.delete(name, current.name());
        audit.record(current.actor(), "operator.delete", "operator:" + name, Outcome.SUCCESS, null);
        return Response.noContent().build();
    }

    private static Set<Role> roles(JsonMembers request) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String role : request.texts("roles", 3, 32)) {
            try {
                roles.add(Role.valueOf(role));
            } catch (IllegalArgumentException unknown) {
                throw Refusal.invalidRequest("Unknown role '" + role + "' (ADMIN, SECURITY_OFFICER, HELPDESK)");
            }
        }
        return roles;
    }

    public record Listed(String name, Set<Role> roles, Instant createdAt) {
        static Listed of(Operator operator) {
            return new Listed(operator.name(), operator.roles(), operator.createdAt());
        }
    }
}
