package org.twofold.restore.boundary;

import org.twofold.restore.control.IssuedRestoreCode;

/**
 * A restore code as a device receives it: the code only when it is delivered to the device's display,
 * then also as the restore link and its QR (to print or save).
 */
public record RestoreCodeAnswer(String code, String delivery, String link, String qr) {

    public static RestoreCodeAnswer of(IssuedRestoreCode issued) {
        return new RestoreCodeAnswer(issued.code(), issued.delivery().name(), issued.link(), issued.qr());
    }
}
