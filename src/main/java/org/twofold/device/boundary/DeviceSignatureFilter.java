package org.twofold.device.boundary;

import java.io.IOException;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;


/** Token first (who claims to call), then the signature by that device's own key. */
@Provider
@ApplicationScoped
@SignedByDevice
@Priority(Priorities.AUTHENTICATION)
public class DeviceSignatureFilter implements ContainerRequestFilter {

    @Inject
    DeviceTokens tokens;

    @Inject
    SignedRequests signedRequests;

    @Override
    public void filter(ContainerRequestContext request) throws IOException {
        signedRequests.verifyDeviceSignature(request, tokens.authenticate(request));
    }
}
