package org.twofold.restore.control;

import org.twofold.delivery.control.RestoreLink;
import org.twofold.delivery.entity.Channel;
import org.twofold.platform.control.QrImage;

/**
 * A new restore code and the channel it went out through. {@code code} is the clear text only when it is
 * for a device's display (null otherwise); {@code deliveryId} names a code the letter queue or the helpdesk
 * holds (null for the device display).
 */
public record IssuedRestoreCode(String user, String code, Channel delivery, String deliveryId) {

    public boolean displayed() {
        return code != null;
    }

    /** The restore QR's content: scanning it fills the first restore step on a new phone. */
    public String link() {
        return displayed() ? RestoreLink.of(user, code) : null;
    }

    public String qr() {
        return displayed() ? QrImage.svgDataUrl(link()) : null;
    }
}
