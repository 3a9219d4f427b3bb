package org.twofold.device.control;

import org.twofold.device.entity.Device;

/** A freshly bound device and its bearer token in clear text, handed to the device once. */
public record BoundDevice(Device device, String token) {
}
