package org.twofold.restore.control;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.twofold.platform.control.QrImage;

/** A restore code in clear text, handed to the device once (only for the DEVICE_DISPLAY channel). */
public record IssuedRestoreCode(String user, String code, String delivery) {

    /** The restore QR: scanning it fills the first restore step on a new phone. */
    public String link() {
        return "twofold://restore?u=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&c=" + URLEncoder.encode(code, StandardCharsets.UTF_8);
    }

    public String qr() {
        return QrImage.svgDataUrl(link());
    }
}
