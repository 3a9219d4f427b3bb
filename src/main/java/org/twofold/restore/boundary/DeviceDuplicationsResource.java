package org.twofold.restore.boundary;

import java.time.Instant;
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
import jakarta.ws.rs.core.Response;

import org.twofold.device.boundary.CurrentDevice;
import org.twofold.device.boundary.SignedByDevice;
import org.twofold.device.entity.Device;
import org.twofold.platform.control.ApplianceUrl;
import org.twofold.platform.control.JsonMembers;
import org.twofold.platform.control.QrImage;
import org.twofold.restore.control.DuplicationOfferCreated;
import org.twofold.restore.control.Duplications;

/** The old device's side of duplication by QR: offer, then confirm (or reject) the claim. */
@ApplicationScoped
@Path("device/duplications")
@Produces(MediaType.APPLICATION_JSON)
public class DeviceDuplicationsResource {

    @Inject
    Duplications duplications;

    @Inject
    CurrentDevice current;

    @Inject
    ApplianceUrl applianceUrl;

    @POST
    @SignedByDevice
    @Transactional
    public Response offer() {
        DuplicationOfferCreated offer = duplications.offer(current.device(), applianceUrl.value(), current.actor());
        return Response.status(Response.Status.CREATED)
                .entity(new Offer(offer.offerId(), offer.secret(), offer.link(), QrImage.svgDataUrl(offer.link()),
                        offer.expiresAt()))
                .build();
    }

    @POST
    @Path("{offerId}/confirm")
    @SignedByDevice
    @Transactional
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, String> confirm(@PathParam("offerId") String offerId, JsonObject body) {
        Device device = duplications.confirm(offerId, JsonMembers.of(body).text("claimId", 36), current.device(),
                current.actor());
        return Map.of("status", "CONFIRMED", "deviceId", device.id());
    }

    @POST
    @Path("{offerId}/reject")
    @SignedByDevice
    @Transactional
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, String> reject(@PathParam("offerId") String offerId, JsonObject body) {
        duplications.reject(offerId, JsonMembers.of(body).text("claimId", 36), current.device(), current.actor());
        return Map.of("status", "REJECTED");
    }

    /** {@code qr} is the link a QR holds (PROTOCOL.md); {@code qrImage} draws it. */
    public record Offer(String offerId, String secret, String qr, String qrImage, Instant expiresAt) {
    }
}
