package org.twofold.device.boundary;

import java.io.IOException;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

import org.twofold.device.entity.Device;

@Provider
@ApplicationScoped
@SignedByDeviceOrWipedOwner
@Priority(Priorities.AUTHENTICATION)
public class WipedOwnerSignatureFilter implements ContainerRequestFilter {

    @Inject
    DeviceTokens tokens;

    @Inject
    SignedRequests signedRequests;

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        Optional<String> notificationId = Optional.ofNullable(request.getUriInfo().getPathParameters().getFirst("id"));
        Device device = tokens.authenticate(request, notificationId);
        signedRequests.verifyDeviceSignature(request, device);
    }
}
