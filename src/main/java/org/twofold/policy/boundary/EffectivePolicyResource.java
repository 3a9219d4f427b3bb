package org.twofold.policy.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.twofold.identity.control.Identities;
import org.twofold.identity.entity.Identity;
import org.twofold.operator.boundary.AllowedRoles;
import org.twofold.policy.control.EffectivePolicies;

/** {@code GET /admin/identities/{user}/effective-policy}: the settings that hold for one user, and why. */
@ApplicationScoped
@Path("admin/identities/{user}/effective-policy")
@Produces(MediaType.APPLICATION_JSON)
public class EffectivePolicyResource {

    @Inject
    Identities identities;

    @Inject
    EffectivePolicies effectivePolicies;

    @GET
    @AllowedRoles
    public JsonObject explain(@PathParam("user") String user) {
        Identity identity = identities.require(user);
        return PolicyJson.of(identity.user(), effectivePolicies.of(identity));
    }
}
