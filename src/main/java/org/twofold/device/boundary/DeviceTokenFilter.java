package org.twofold.device.boundary;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

@Provider
@ApplicationScoped
@DeviceAuthenticated
@Priority(Priorities.AUTHENTICATION)
public class DeviceTokenFilter implements ContainerRequestFilter {

    @Inject
    DeviceTokens tokens;

    @Override
    public void filter(ContainerRequestContext request) {
        tokens.authenticate(request);
    }
}
