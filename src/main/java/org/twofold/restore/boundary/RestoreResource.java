package org.twofold.restore.boundary;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.twofold.audit.entity.Actor;
import org.twofold.device.boundary.NewDeviceAnswer;
import org.twofold.device.boundary.NewDeviceKey;
import org.twofold.device.boundary.SignedByNewKey;
import org.twofold.platform.control.JsonMembers;
import org.twofold.platform.control.RequestOrigin;
import org.twofold.restore.control.NewDeviceKeyMaterial;
import org.twofold.restore.control.RestoredDevice;
import org.twofold.restore.control.Restores;
import org.twofold.restore.control.StartedRestore;

/** The two restore steps of a new phone that has no token yet; {@link Restores} draws the transaction lines. */
@ApplicationScoped
@Path("restore")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class RestoreResource {

    @Inject
    Restores restores;

    @Inject
    NewDeviceKey newKey;

    @Inject
    RequestOrigin origin;

    @POST
    public Response start(JsonObject body) {
        JsonMembers request = JsonMembers.of(body);
        StartedRestore started = restores.start(request.text("user", 256), request.text("restoreCode", 100),
                Actor.newDevice(origin.sourceAddress()));
        return Response.accepted(new Started(started.restoreId(), started.otpSentTo(), started.expiresAt())).build();
    }

    @POST
    @Path("{restoreId}/complete")
    @SignedByNewKey
    public Response complete(@PathParam("restoreId") String restoreId, JsonObject body) {
        JsonMembers request = JsonMembers.of(body);
        RestoredDevice restored = restores.complete(restoreId, request.text("otp", 20),
                new NewDeviceKeyMaterial(newKey.publicKey(), request.text("deviceName", 100), request.text("platform", 40)),
                request.flag("keepOldDevices", false), request.optionalText("replacesDeviceId", 36),
                Actor.newDevice(origin.sourceAddress()));
        NewDeviceAnswer.RestoreAnswer restore = restored.restoreCode().map(RestoreCodeAnswer::of)
                .map(code -> new NewDeviceAnswer.RestoreAnswer(true, code.code(), code.delivery(), code.link(), code.qr()))
                .orElseGet(() -> NewDeviceAnswer.RestoreAnswer.withoutCode(false, restored.delivery().name()));
        return Response.status(Response.Status.CREATED)
                .entity(new Completed(restored.bound().device().id(), restored.bound().token(), restored.user(), restore,
                        restored.oldDevicesKept()))
                .build();
    }

    /**
     * PROTOCOL.md's answer for a new device, plus (additive) {@code oldDevicesKept}: whether the identity's
     * other devices stayed active — a client that asked to keep them learns when policy wiped them anyway.
     */
    public record Completed(String deviceId, String deviceToken, String user, NewDeviceAnswer.RestoreAnswer restore,
                            boolean oldDevicesKept) {
    }

    public record Started(String restoreId, String otpSentTo, Instant expiresAt) {
    }
}
