package org.twofold.device.boundary;

import java.util.Optional;

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
import org.twofold.policy.control.EffectivePolicies;
import org.twofold.restore.control.IssuedRestoreCode;
import org.twofold.restore.control.RestoreActivation;

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

    @Inject
    RestoreActivation restoreActivation;

    @Inject
    EffectivePolicies policies;

    @POST
    @SignedByNewKey
    @Transactional
    public Response enroll(JsonObject body) {
        JsonMembers request = JsonMembers.of(body);
        String activationCode = request.text("activationCode", 100);
        String deviceName = request.text("deviceName", 100);
        String platform = request.text("platform", 40);
        Actor actor = Actor.newDevice(origin.sourceAddress());
        Enrollment.Enrolled enrolled = enrollment.enroll(activationCode, newKey.publicKey(), deviceName, platform, actor);
        Optional<IssuedRestoreCode> autoActivated = enrolled.first()
                ? restoreActivation.activateForNewUser(enrolled.identity(), enrolled.bound().device(), actor)
                : Optional.empty();
        NewDeviceAnswer.RestoreAnswer restore = autoActivated
                .map(issued -> new NewDeviceAnswer.RestoreAnswer(true, issued.code(), issued.delivery().name(),
                        issued.link(), issued.qr()))
                .orElseGet(() -> NewDeviceAnswer.RestoreAnswer.withoutCode(enrolled.identity().restoreActive(),
                        policies.of(enrolled.identity()).restoreCodeDelivery().name()));
        return Response.status(Response.Status.CREATED)
                .entity(new NewDeviceAnswer(enrolled.bound().device().id(), enrolled.bound().token(),
                        enrolled.identity().user(), restore))
                .build();
    }
}
