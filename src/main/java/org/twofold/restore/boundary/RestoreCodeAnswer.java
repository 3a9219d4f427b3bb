package org.twofold.restore.boundary;

import org.twofold.restore.control.IssuedRestoreCode;

/**
 * A restore code as a device receives it: the code only when it is delivered to the device's display,
 * then also as the restore link and its QR (to print or save).
 */
public record RestoreCodeAnswer(String code, String delivery, String link, String qr) {

    static final String DEVICE_DISPLAY = "DEVICE_DISPLAY";

    public static RestoreCodeAnswer of(IssuedRestoreCode issued) {
        if (!DEVICE_DISPLAY.equals(issued.delivery())) {
            return new RestoreCodeAnswer(null, issued.delivery(), null, null);
        }
        return new RestoreCodeAnswer(issued.code(), issued.delivery(), issued.link(), issued.qr());
    }
}
