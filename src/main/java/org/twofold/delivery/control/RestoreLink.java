package org.twofold.delivery.control;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The restore QR's content: scanning it fills the first restore step on a new phone (PROTOCOL.md). */
public final class RestoreLink {

    private RestoreLink() {
    }

    public static String of(String user, String code) {
        return "twofold://restore?u=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&c=" + URLEncoder.encode(code, StandardCharsets.UTF_8);
    }
}
