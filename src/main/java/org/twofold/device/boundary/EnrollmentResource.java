package org.twofold.device.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.twofold.audit.entity.Actor;
import org.twofold.device.control.Enrollment;
import org.twofold.platform.control.JsonMembers;
import org.twofold.platform.control.RequestOrigin;

/** {@code POST /device/enroll}: a new device redeems an activation code with its new key. */
@ApplicationScoped
@Path("device/enroll")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class EnrollmentResource {

    @Inject
    Enrollment enrollment;

    @Inject
    NewDeviceKey newKey;

    @Inject
    RequestOrigin origin;

    @POST
    @SignedByNewKey
    @Transactional
    public Response enroll(JsonObject body) {
        JsonMembers request = JsonMembers.of(body);
        String activationCode = request.text("activationCode", 100);
        String deviceName = request.text("deviceName", 100);
        String platform = request.text("platform", 40);
        Enrollment.Enrolled enrolled = enrollment.enroll(activationCode, newKey.publicKey(), deviceName, platform,
                Actor.newDevice(origin.sourceAddress()));
        return Response.status(Response.Status.CREATED)
                .entity(new NewDeviceAnswer(enrolled.bound().device().id(), enrolled.bound().token(),
                        enrolled.identity().user(),
                        NewDeviceAnswer.RestoreAnswer.withoutCode(enrolled.identity().restoreActive(), "DEVICE_DISPLAY")))
                .build();
    }
}
