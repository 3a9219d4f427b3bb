package org.twofold.device.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

import org.twofold.device.control.DeviceRegistry;
import org.twofold.device.entity.Device;
import org.twofold.identity.control.Identities;
import org.twofold.operator.boundary.AllowedRoles;
import org.twofold.operator.boundary.CurrentOperator;
import org.twofold.operator.entity.Role;

/** {@code DELETE /admin/devices/{id}}: the helpdesk unpairs a lost device. */
@RequestScoped
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
}
