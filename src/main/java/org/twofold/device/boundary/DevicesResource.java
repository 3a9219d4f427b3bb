package org.twofold.device.boundary;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.twofold.device.control.DeviceRegistry;

/** A device lists all devices of its identity and unpairs any of them (promise 4). */
@ApplicationScoped
@Path("device/devices")
@Produces(MediaType.APPLICATION_JSON)
public class DevicesResource {

    @Inject
    DeviceRegistry devices;

    @Inject
    CurrentDevice current;

    @GET
    @DeviceAuthenticated
    public List<DeviceView> list() {
        String self = current.device().id();
        return devices.devicesOf(current.identityId()).stream().map(d -> DeviceView.of(d, self)).toList();
    }

    @DELETE
    @Path("{deviceId}")
    @SignedByDevice
    @Transactional
    public Response unpair(@PathParam("deviceId") String deviceId) {
        devices.requireOwn(current.identityId(), deviceId);
        devices.unpair(deviceId, current.identity().user(), current.actor());
        return Response.noContent().build();
    }
}
