package org.twofold.notification.boundary;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.twofold.device.boundary.CurrentDevice;
import org.twofold.device.boundary.SignedByDeviceOrWipedOwner;
import org.twofold.device.control.DeviceBlocking;

/** {@code POST /device/notifications/{id}/block}: the device the notification announced is blocked at once. */
@ApplicationScoped
@Path("device/notifications/{id}/block")
public class BlockResource {

    @Inject
    DeviceBlocking blocking;

    @Inject
    CurrentDevice current;

    @POST
    @SignedByDeviceOrWipedOwner
    @Transactional
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> block(@PathParam("id") String notificationId) {
        blocking.block(notificationId, current.device(), current.identity().user(), current.actor());
        return Map.of("status", "BLOCKED");
    }
}
