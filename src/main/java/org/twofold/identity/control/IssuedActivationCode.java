package org.twofold.identity.control;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.twofold.platform.control.QrImage;

/** A fresh activation code in clear text: handed out once, never stored like this. */
public record IssuedActivationCode(String code, Instant expiresAt) {

    /** What the activation QR holds: where the appliance is and the code. */
    public String link(String applianceUrl) {
        return link(applianceUrl, code);
    }

    /** The enrollment link for a code kept elsewhere (e.g. sealed in the letter queue). */
    public static String link(String applianceUrl, String code) {
        return "twofold://enroll?h=" + URLEncoder.encode(applianceUrl, StandardCharsets.UTF_8)
                + "&c=" + URLEncoder.encode(code, StandardCharsets.UTF_8);
    }

    public String qr(String applianceUrl) {
        return QrImage.svgDataUrl(link(applianceUrl));
    }
}
