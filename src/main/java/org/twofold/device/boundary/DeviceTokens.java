package org.twofold.device.boundary;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

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

    @Inject
    Clock clock;

    Device authenticate(ContainerRequestContext request) {
        return authenticate(request, Optional.empty());
    }

    /**
     * As above, but a device wiped by a restore is let through when it blocks with the notification of
     * that restore, for 24 h (PROTOCOL.md): the real owner can still stop a thief.
     */
    Device authenticate(ContainerRequestContext request, Optional<String> blockingNotificationId) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw invalidToken();
        }
        Device device = devices.byToken(authorization.substring(SCHEME.length()).trim())
                .orElseThrow(DeviceTokens::invalidToken);
        Optional<String> mayStillBlock = device.blockableRestoreNotification(clock.instant());
        boolean wipedOwnerBlocking = mayStillBlock.isPresent() && mayStillBlock.equals(blockingNotificationId);
        if (!device.isActive() && !wipedOwnerBlocking) {
            // the state lets the device tell its owner why it was removed (unpaired, or blocked as unknown)
            Map<String, Object> why = new HashMap<>(Map.of("state", device.state().name()));
            mayStillBlock.ifPresent(id -> why.put("notificationId", id));
            throw new Refusal(Refusal.Kind.GONE, "device-removed",
                    "This device was removed from the identity; delete its key", why);
        }
        current.authenticated(device);
        if (device.isActive()) {
            devices.touch(device);
        }
        return device;
    }

    private static Refusal invalidToken() {
        return new Refusal(Refusal.Kind.UNAUTHENTICATED, "invalid-device-token",
                "A valid 'Authorization: Device <token>' header is required");
    }
}
