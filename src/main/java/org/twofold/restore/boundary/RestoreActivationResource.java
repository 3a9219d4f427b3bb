package org.twofold.restore.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.twofold.device.boundary.CurrentDevice;
import org.twofold.device.boundary.SignedByDevice;
import org.twofold.restore.control.IssuedRestoreCode;
import org.twofold.restore.control.RestoreActivation;

/** {@code POST /device/restore-activation}: restore on (or a new code), shown once on this device. */
@ApplicationScoped
@Path("device/restore-activation")
public class RestoreActivationResource {

    @Inject
    RestoreActivation activation;

    @Inject
    CurrentDevice current;

    @POST
    @SignedByDevice
    @Transactional
    @Produces(MediaType.APPLICATION_JSON)
    public Response activate() {
        IssuedRestoreCode issued = activation.activate(current.device(), current.actor());
        return Response.status(Response.Status.CREATED).entity(RestoreCodeAnswer.of(issued)).build();
    }
}
