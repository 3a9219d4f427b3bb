package org.twofold.device.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.twofold.device.control.DeviceRegistry;
import org.twofold.device.entity.Device;
import org.twofold.identity.control.Identities;
import org.twofold.operator.boundary.AllowedRoles;
import org.twofold.operator.boundary.CurrentOperator;
import org.twofold.operator.entity.Role;

/** Operators unpair lost devices and lift blocks. */
@ApplicationScoped
@Path("admin/devices")
public class AdminDevicesResource {

    @Inject
    DeviceRegistry devices;

    @Inject
    Identities identities;

    @Inject
    CurrentOperator operator;

    @DELETE
    @Path("{deviceId}")
    @AllowedRoles({Role.ADMIN, Role.HELPDESK})
    @Transactional
    public Response unpair(@PathParam("deviceId") String deviceId) {
        Device device = devices.require(deviceId);
        devices.unpair(deviceId, identities.byId(device.identityId()).user(), operator.actor());
        return Response.noContent().build();
    }

    /** Only an operator lifts a block, after making sure the device is the user's after all. */
    @POST
    @Path("{deviceId}/unblock")
    @AllowedRoles({Role.SECURITY_OFFICER, Role.ADMIN})
    @Transactional
    public Response unblock(@PathParam("deviceId") String deviceId) {
        Device device = devices.require(deviceId);
        devices.unblock(deviceId, identities.byId(device.identityId()).user(), operator.actor());
        return Response.noContent().build();
    }
}
