package org.twofold.device.boundary;

/** What a newly bound device receives once (PROTOCOL.md: enroll, restore completion). */
public record NewDeviceAnswer(String deviceId, String deviceToken, String user, RestoreAnswer restore) {

    /**
     * The restore function's state; {@code code} (with its restore link and QR) only when a code was just
     * issued to this device's display.
     */
    public record RestoreAnswer(boolean active, String code, String delivery, String link, String qr) {

        public static RestoreAnswer withoutCode(boolean active, String delivery) {
            return new RestoreAnswer(active, null, delivery, null, null);
        }
    }
}
