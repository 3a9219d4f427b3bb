package org.twofold.device.boundary;

/** What a newly bound device receives once (PROTOCOL.md: enroll, restore completion). */
public record NewDeviceAnswer(String deviceId, String deviceToken, String user, RestoreAnswer restore) {

    /** The restore function's state; {@code code} only when it is delivered to this device's display. */
    public record RestoreAnswer(boolean active, String code, String delivery) {

        public static RestoreAnswer inactive() {
            return new RestoreAnswer(false, null, "DEVICE_DISPLAY");
        }
    }
}
