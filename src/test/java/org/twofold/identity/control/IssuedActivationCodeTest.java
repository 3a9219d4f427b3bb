package org.twofold.identity.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.twofold.platform.control.QrImage;

/** The activation link that the enrollment QR holds. */
class IssuedActivationCodeTest {

    @Test
    void linkCarriesTheApplianceAndTheCodeUrlEncoded() {
        IssuedActivationCode issued = new IssuedActivationCode("ABCD-EFGH-JKMN", Instant.EPOCH);
        String link = issued.link("https://twofold.example.test:8443/base?x=1&y=2");
        URI uri = URI.create(link);
        assertEquals("twofold", uri.getScheme());
        assertEquals("enroll", uri.getHost());
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        assertEquals(Map.of("h", "https://twofold.example.test:8443/base?x=1&y=2", "c", "ABCD-EFGH-JKMN"), query);
    }

    @Test
    void qrDrawsExactlyTheLink() {
        IssuedActivationCode issued = new IssuedActivationCode("ABCD-EFGH-JKMN", Instant.EPOCH);
        String qr = issued.qr("https://twofold.example.test");
        assertTrue(qr.startsWith("data:image/svg+xml;base64,"), qr);
        // QrImageTest proves that such a drawing decodes back to its text
        assertEquals(QrImage.svgDataUrl(issued.link("https://twofold.example.test")), qr);
    }
}
