package org.twofold.restore.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.twofold.delivery.entity.Channel;

/** The restore link and its QR: scanning it fills in user and code on a new phone. */
class IssuedRestoreCodeTest {

    private static final String CODE = "ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345";

    @Test
    void linkCarriesUserAndCode() {
        IssuedRestoreCode issued = new IssuedRestoreCode("jdoe", CODE, Channel.DEVICE_DISPLAY, null);
        assertEquals("twofold://restore?u=jdoe&c=" + CODE, issued.link());
        URI uri = URI.create(issued.link());
        assertEquals("twofold", uri.getScheme());
        assertEquals("restore", uri.getHost());
        assertEquals(Map.of("u", "jdoe", "c", CODE), query(issued.link()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"j doe", "jdoe@corp.test", "CORP\\jdoe", "a&c=EVIL", "a=b", "jdö#x?y", "100%", "x+y"})
    void userNamesAreUrlEncoded(String user) {
        IssuedRestoreCode issued = new IssuedRestoreCode(user, CODE, Channel.DEVICE_DISPLAY, null);
        String link = issued.link();
        assertTrue(link.startsWith("twofold://restore?u="), link);
        String rawQuery = link.substring(link.indexOf('?') + 1);
        assertTrue(rawQuery.matches("u=[A-Za-z0-9%.*_+-]*&c=[A-Za-z0-9%.*_+-]*"), "nothing unescaped: " + link);
        assertEquals(Map.of("u", user, "c", CODE), query(link), "decodes back to exactly two parameters");
        URI.create(link); // a valid URI
    }

    @Test
    void theCodeIsUrlEncodedToo() {
        IssuedRestoreCode issued = new IssuedRestoreCode("jdoe", "AB CD&u=mallory", Channel.DEVICE_DISPLAY, null);
        assertEquals("twofold://restore?u=jdoe&c=AB+CD%26u%3Dmallory", issued.link());
        assertEquals(Map.of("u", "jdoe", "c", "AB CD&u=mallory"), query(issued.link()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdoe", "jane.doe@corp.example", "j doe&c=x"})
    void qrDecodesBackToTheLink(String user) throws Exception {
        IssuedRestoreCode issued = new IssuedRestoreCode(user, CODE, Channel.DEVICE_DISPLAY, null);
        String qr = issued.qr();
        assertTrue(qr.startsWith("data:image/svg+xml;base64,"), qr);
        assertEquals(issued.link(), decodeQr(qr));
    }

    private static Map<String, String> query(String link) {
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : link.substring(link.indexOf('?') + 1).split("&")) {
            String[] kv = pair.split("=", 2);
            assertEquals(2, kv.length, pair);
            assertEquals(null, query.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8)), "repeated " + kv[0]);
        }
        return query;
    }

    private static final Pattern MODULE = Pattern.compile("M(\\d+),(\\d+)h1v1h-1z");
    private static final Pattern VIEW_BOX = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"");

    /** Draws the SVG data URL's 1x1 squares into pixels and reads them with ZXing (as in QrImageTest). */
    static String decodeQr(String dataUrl) throws Exception {
        String svg = new String(Base64.getDecoder().decode(dataUrl.substring(dataUrl.indexOf(',') + 1)),
                StandardCharsets.UTF_8);
        Matcher box = VIEW_BOX.matcher(svg);
        assertTrue(box.find(), svg);
        int modules = Integer.parseInt(box.group(1));
        int scale = 4;
        int size = modules * scale;
        int[] pixels = new int[size * size];
        java.util.Arrays.fill(pixels, 0xFFFFFFFF);
        Matcher module = MODULE.matcher(svg);
        while (module.find()) {
            int mx = Integer.parseInt(module.group(1));
            int my = Integer.parseInt(module.group(2));
            for (int y = my * scale; y < (my + 1) * scale; y++) {
                for (int x = mx * scale; x < (mx + 1) * scale; x++) {
                    pixels[y * size + x] = 0xFF000000;
                }
            }
        }
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(size, size, pixels)));
        return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE)).getText();
    }
}
