package org.twofold.policy.boundary;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
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

import org.twofold.operator.boundary.AllowedRoles;
import org.twofold.operator.boundary.CurrentOperator;
import org.twofold.operator.entity.Role;
import org.twofold.platform.control.JsonMembers;
import org.twofold.platform.control.Refusal;
import org.twofold.policy.control.RestorePolicies;

/**
 * {@code /admin/policies}: security officers write restore policies. A PUT may carry {@code "version"}
 * (the version it was based on) to be refused with 409 {@code policy-changed} instead of overwriting a
 * change made meanwhile; every save answers the warnings a security officer should read.
 */
@ApplicationScoped
@Path("admin/policies")
@Produces(MediaType.APPLICATION_JSON)
@AllowedRoles({Role.SECURITY_OFFICER, Role.ADMIN})
public class AdminPoliciesResource {

    @Inject
    RestorePolicies policies;

    @Inject
    CurrentOperator operator;

    @GET
    public List<JsonObject> list() {
        return policies.live().stream().map(PolicyJson::of).toList();
    }

    @GET
    @Path("{name}")
    public JsonObject get(@PathParam("name") String name) {
        return PolicyJson.of(policies.get(name));
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public Response save(@PathParam("name") String name, JsonObject body) {
        JsonMembers.of(body);
        RestorePolicies.Saved saved = policies.save(name, body, basedOnVersion(body), operator.actor());
        return Response.status(saved.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(PolicyJson.of(saved.stored(), saved.warnings())).build();
    }

    @DELETE
    @Path("{name}")
    @Transactional
    public Response delete(@PathParam("name") String name) {
        policies.delete(name, operator.actor());
        return Response.noContent().build();
    }

    @GET
    @Path("{name}/versions")
    public List<JsonObject> versions(@PathParam("name") String name) {
        return policies.versions(name).stream().map(PolicyJson::of).toList();
    }

    /** Additive to PROTOCOL.md: {@code {"version": n}} saves version n's settings again as the newest version. */
    @POST
    @Path("{name}/rollback")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public JsonObject rollback(@PathParam("name") String name, JsonObject body) {
        JsonMembers.of(body);
        int version = basedOnVersion(body)
                .orElseThrow(() -> Refusal.invalidRequest("Member 'version' is required"));
        RestorePolicies.Saved saved = policies.rollback(name, version, operator.actor());
        return PolicyJson.of(saved.stored(), saved.warnings());
    }

    private static Optional<Integer> basedOnVersion(JsonObject body) {
        JsonValue version = body.get("version");
        if (version == null || version.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (!(version instanceof JsonNumber number) || !number.isIntegral() || number.longValue() < 1
                || number.longValue() > Integer.MAX_VALUE) {
            throw Refusal.invalidRequest("Member 'version' must be a policy version number");
        }
        return Optional.of(number.intValue());
    }
}
