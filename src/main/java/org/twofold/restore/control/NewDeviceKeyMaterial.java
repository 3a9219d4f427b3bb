package org.twofold.restore.control;

/** What a device-creating call brings: its verified public key and how it calls itself. */
public record NewDeviceKeyMaterial(String publicKey, String deviceName, String platform) {
}
