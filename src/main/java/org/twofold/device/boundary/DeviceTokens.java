package org.twofold.device.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.twofold.device.control.DeviceRegistry;
import org.twofold.device.entity.Device;
import org.twofold.platform.control.Refusal;

/** Finds the device behind {@code Authorization: Device <token>}; a removed device gets 410. */
@ApplicationScoped
public class DeviceTokens {

    private static final String SCHEME = "Device ";

    @Inject
    DeviceRegistry devices;

    @Inject
    CurrentDevice current;

    Device authenticate(ContainerRequestContext request) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw invalidToken();
        }
        Device device = devices.byToken(authorization.substring(SCHEME.length()).trim())
                .orElseThrow(DeviceTokens::invalidToken);
        if (!device.isActive()) {
            throw new Refusal(Refusal.Kind.GONE, "device-removed",
                    "This device was removed from the identity; delete its key");
        }
        current.authenticated(device);
        devices.touch(device);
        return device;
    }

    private static Refusal invalidToken() {
        return new Refusal(Refusal.Kind.UNAUTHENTICATED, "invalid-device-token",
                "A valid 'Authorization: Device <token>' header is required");
    }
}
