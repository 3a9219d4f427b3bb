package org.twofold.device.boundary;

import java.time.Instant;

import org.twofold.device.entity.Device;

/** A device as the protocol lists it. */
public record DeviceView(String id, String name, String platform, String state, String boundVia,
                         Instant createdAt, Instant lastSeenAt, boolean current) {

    public static DeviceView of(Device device, String currentDeviceId) {
        return new DeviceView(device.id(), device.name(), device.platform(), device.state().name(),
                device.boundVia().name(), device.createdAt(), device.lastSeenAt(), device.id().equals(currentDeviceId));
    }
}
