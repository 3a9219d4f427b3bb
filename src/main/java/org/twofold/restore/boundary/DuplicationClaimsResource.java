package org.twofold.restore.boundary;

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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.twofold.audit.entity.Actor;
import org.twofold.device.boundary.NewDeviceKey;
import org.twofold.device.boundary.SignedByNewKey;
import org.twofold.platform.control.JsonMembers;
import org.twofold.platform.control.RequestOrigin;
import org.twofold.restore.control.ClaimCreated;
import org.twofold.restore.control.ClaimState;
import org.twofold.restore.control.Duplications;
import org.twofold.restore.control.NewDeviceKeyMaterial;

/** The new device's side of duplication by QR: claim the offer, then fetch the token once confirmed. */
@ApplicationScoped
@Path("duplications/{offerId}")
@Produces(MediaType.APPLICATION_JSON)
public class DuplicationClaimsResource {

    @Inject
    Duplications duplications;

    @Inject
    NewDeviceKey newKey;

    @Inject
    RequestOrigin origin;

    @POST
    @Path("claim")
    @SignedByNewKey
    @Transactional
    @Consumes(MediaType.APPLICATION_JSON)
    public Response claim(@PathParam("offerId") String offerId, JsonObject body) {
        JsonMembers request = JsonMembers.of(body);
        ClaimCreated claim = duplications.claim(offerId, request.text("secret", 100),
                new NewDeviceKeyMaterial(newKey.publicKey(), request.text("deviceName", 100), request.text("platform", 40)),
                Actor.newDevice(origin.sourceAddress()));
        return Response.accepted(claim).build();
    }

    @GET
    @Path("claims/{claimId}")
    @Transactional
    public ClaimState state(@PathParam("offerId") String offerId, @PathParam("claimId") String claimId,
                            @QueryParam("secret") String claimSecret) {
        return duplications.state(offerId, claimId, claimSecret);
    }
}
