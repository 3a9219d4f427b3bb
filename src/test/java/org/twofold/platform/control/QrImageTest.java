package org.twofold.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.EncodeHintType;
import com.google.zxing.ReaderException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.ResultMetadataType;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * QR codes as SVG: the test draws the SVG's path back into pixels and lets ZXing's reader decode them,
 * the way a phone camera would read the picture.
 */
class QrImageTest {

    private static final Pattern SVG = Pattern.compile(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 (\\d+) (\\d+)\" shape-rendering=\"crispEdges\">"
                    + "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>"
                    + "<path fill=\"#000\" d=\"([Mhvz0-9,-]+)\"/></svg>");
    private static final Pattern MODULE = Pattern.compile("M(\\d+),(\\d+)h1v1h-1z");
    private static final int QUIET_ZONE = 4;
    private static final int PIXELS_PER_MODULE = 4;
    private static final Map<DecodeHintType, Object> PURE = Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE);

    @ParameterizedTest
    @ValueSource(strings = {
            "twofold://enroll?h=https%3A%2F%2Ftwofold.example.test&c=ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789",
            "twofold://dup?h=twofold.example.test&o=5f0c3a5e-2b1d-4c8e-9a77-0123456789ab&s=Zm9vYmFyYmF6cXV4cXV1eHF1dXpxdXV6cXV1",
            "HELLO",
            "x"})
    void svgDecodesBackToTheSameText(String content) throws Exception {
        String svg = QrImage.svg(content);
        Result result = decode(svg);
        assertEquals(content, result.getText());
        assertEquals(BarcodeFormat.QR_CODE, result.getBarcodeFormat());
        assertEquals("M", result.getResultMetadata().get(ResultMetadataType.ERROR_CORRECTION_LEVEL));
    }

    @Test
    void cameraStyleDetectionFindsTheEnrollmentCodeToo() throws Exception {
        String content = "twofold://enroll?h=https%3A%2F%2Ftwofold.example.test&c=ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789";
        Result result = decode(QrImage.svg(content), 8, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE));
        assertEquals(content, result.getText());
    }

    @Test
    void aSymbolZxingsFinderMisreadsIsDrawnWithAnotherMaskThatItReads() throws Exception {
        String link = "twofold://restore?u=dlv-4i5bbeob&c=5N0K-4E94-V2GN-HWGM-71RX-55W6-0FYW";
        BitMatrix zxingsChoice = new QRCodeWriter().encode(link, BarcodeFormat.QR_CODE, 0, 0,
                Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 0));
        assertThrows(ReaderException.class, () -> decode(zxingsChoice, 8, Map.of()), "the finder misreads ZXing's own mask");
        assertEquals(link, decode(zxingsChoice, 8, PURE).getText(), "yet the symbol itself is sound");

        BitMatrix drawn = QrImage.modules(link);
        for (int pixelsPerModule = 2; pixelsPerModule <= 10; pixelsPerModule++) {
            assertEquals(link, decode(drawn, pixelsPerModule, Map.of()).getText(), pixelsPerModule + " pixels per module");
        }
        assertEquals(link, decodeImage(QrImage.png(link)), "the mailed PNG");
    }

    @Test
    void svgIsASquareOfModulesWithAQuietZone() {
        String svg = QrImage.svg("twofold://enroll?h=x&c=ABCD");
        Matcher matcher = SVG.matcher(svg);
        assertTrue(matcher.matches(), svg);
        int size = Integer.parseInt(matcher.group(1));
        assertEquals(size, Integer.parseInt(matcher.group(2)));
        int modules = size - 2 * QUIET_ZONE;
        assertTrue(modules >= 21 && (modules - 21) % 4 == 0, "a QR version is 21 + 4k modules wide: " + modules);

        boolean[][] dark = modules(svg);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                boolean inQuietZone = x < QUIET_ZONE || y < QUIET_ZONE || x >= size - QUIET_ZONE || y >= size - QUIET_ZONE;
                if (inQuietZone) {
                    assertTrue(!dark[y][x], "quiet zone module at " + x + "," + y);
                }
            }
        }
        // the three finder patterns: a dark 7x7 ring in the corners (top-left shown)
        for (int i = 0; i < 7; i++) {
            assertTrue(dark[QUIET_ZONE][QUIET_ZONE + i] && dark[QUIET_ZONE + 6][QUIET_ZONE + i]);
            assertTrue(dark[QUIET_ZONE + i][QUIET_ZONE] && dark[QUIET_ZONE + i][QUIET_ZONE + 6]);
            assertTrue(dark[QUIET_ZONE + i][size - QUIET_ZONE - 7] && dark[size - QUIET_ZONE - 7][QUIET_ZONE + i]);
        }
    }

    @Test
    void everyModuleIsDrawnWhereZxingPlacesIt() throws Exception {
        String content = "twofold://enroll?h=https%3A%2F%2Ftwofold.example.test&c=ABCD-EFGH-JKMN-PQRS";
        BitMatrix matrix = new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, 0, 0,
                Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 0));
        boolean[][] dark = modules(QrImage.svg(content));
        assertEquals(matrix.getWidth() + 2 * QUIET_ZONE, dark.length);
        for (int y = 0; y < matrix.getHeight(); y++) {
            for (int x = 0; x < matrix.getWidth(); x++) {
                assertEquals(matrix.get(x, y), dark[y + QUIET_ZONE][x + QUIET_ZONE], "module " + x + "," + y);
            }
        }
    }

    @Test
    void longerContentNeedsABiggerCode() {
        int small = size(QrImage.svg("x"));
        int large = size(QrImage.svg("x".repeat(300)));
        assertEquals(21 + 2 * QUIET_ZONE, small);
        assertTrue(large > small, large + " > " + small);
    }

    @Test
    void dataUrlCarriesTheSvgInBase64() throws Exception {
        String content = "twofold://enroll?h=https%3A%2F%2Ftwofold.example.test&c=ABCD-EFGH";
        String url = QrImage.svgDataUrl(content);
        String prefix = "data:image/svg+xml;base64,";
        assertTrue(url.startsWith(prefix), url);
        String svg = new String(Base64.getDecoder().decode(url.substring(prefix.length())), StandardCharsets.UTF_8);
        assertEquals(QrImage.svg(content), svg);
        assertEquals(content, decode(svg).getText());
    }

    @Test
    void contentTooLongForAQrCodeIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> QrImage.svg("x".repeat(3000)));
        assertTrue(refused.getMessage().contains("QR"), refused.getMessage());
    }

    @Test
    void aDamagedDrawingDoesNotDecodeToTheContent() {
        String svg = QrImage.svg("twofold://enroll?h=x&c=ABCD");
        // drop the top-left finder pattern: without it the reader cannot locate the code
        StringBuilder damaged = new StringBuilder(svg);
        Matcher module = MODULE.matcher(svg);
        int removed = 0;
        while (module.find()) {
            int x = Integer.parseInt(module.group(1));
            int y = Integer.parseInt(module.group(2));
            if (x < QUIET_ZONE + 7 && y < QUIET_ZONE + 7) {
                int start = module.start() - removed;
                damaged.delete(start, start + module.group().length());
                removed += module.group().length();
            }
        }
        assertThrows(ReaderException.class, () -> decode(damaged.toString()));
    }

    private static int size(String svg) {
        Matcher matcher = SVG.matcher(svg);
        assertTrue(matcher.matches(), svg);
        assertEquals("", MODULE.matcher(matcher.group(3)).replaceAll(""), "the path is nothing but 1x1 squares");
        return Integer.parseInt(matcher.group(1));
    }

    /** The SVG's 1x1 squares as a grid, [y][x], quiet zone included. */
    private static boolean[][] modules(String svg) {
        int size = size(svg);
        boolean[][] dark = new boolean[size][size];
        Matcher module = MODULE.matcher(svg.substring(svg.indexOf(" d=\"")));
        while (module.find()) {
            int x = Integer.parseInt(module.group(1));
            int y = Integer.parseInt(module.group(2));
            assertTrue(x < size && y < size, "module inside the view box");
            dark[y][x] = true;
        }
        return dark;
    }

    /**
     * Renders the SVG's modules into black-on-white pixels and reads them with ZXing's reader. The image
     * is perfect and axis-aligned, which is what PURE_BARCODE is for (the finder-pattern search is
     * camera-oriented and misses some perfect synthetic images at some scales, even ZXing's own).
     */
    private static Result decode(String svg) throws Exception {
        return decode(svg, PIXELS_PER_MODULE, PURE);
    }

    private static Result decode(String svg, int pixelsPerModule, Map<DecodeHintType, Object> hints) throws Exception {
        return decode(modules(svg), pixelsPerModule, hints);
    }

    private static Result decode(BitMatrix matrix, int pixelsPerModule, Map<DecodeHintType, Object> hints) throws Exception {
        int size = matrix.getWidth() + 2 * QUIET_ZONE;
        boolean[][] dark = new boolean[size][size];
        for (int y = 0; y < matrix.getHeight(); y++) {
            for (int x = 0; x < matrix.getWidth(); x++) {
                dark[y + QUIET_ZONE][x + QUIET_ZONE] = matrix.get(x, y);
            }
        }
        return decode(dark, pixelsPerModule, hints);
    }

    private static String decodeImage(byte[] png) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)))).getText();
    }

    private static Result decode(boolean[][] dark, int pixelsPerModule, Map<DecodeHintType, Object> hints) throws Exception {
        int size = dark.length * pixelsPerModule;
        int[] pixels = new int[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                boolean black = dark[y / pixelsPerModule][x / pixelsPerModule];
                pixels[y * size + x] = black ? 0xFF000000 : 0xFFFFFFFF;
            }
        }
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(size, size, pixels)));
        return new QRCodeReader().decode(bitmap, hints);
    }
}
