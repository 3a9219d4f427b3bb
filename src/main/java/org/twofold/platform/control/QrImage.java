package org.twofold.platform.control;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;

import javax.imageio.ImageIO;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.EncodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/** QR codes drawn by ZXing, delivered as SVG data URLs that any page or mail client can show, or as modules to draw. */
public final class QrImage {

    private static final int QUIET_ZONE = 4;
    private static final int PNG_SCALE = 8;
    private static final int CHECK_SCALE = 3;
    private static final int MASK_PATTERNS = 8;

    private QrImage() {
    }

    public static String svgDataUrl(String content) {
        String svg = svg(content);
        return "data:image/svg+xml;base64," + Base64.getEncoder().encodeToString(svg.getBytes(StandardCharsets.UTF_8));
    }

    /** A PNG of the QR code with its quiet zone, 8 pixels per module: mail clients show no SVG. */
    public static byte[] png(String content) {
        try {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(image(modules(content), PNG_SCALE), "png", png);
            return png.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the QR code as PNG", e);
        }
    }

    /**
     * The QR code's dark and light modules, without a quiet zone (for drawing it elsewhere, e.g. in a PDF).
     * ZXing's encoder picks the mask pattern with the best score, yet for about 1 link in 80 its own finder, the
     * one many scanner apps are built on, then misreads the symbol at almost every size (jsQR reads it). Such a
     * symbol is drawn with the first other mask that it reads, so every printed or mailed code scans.
     */
    public static BitMatrix modules(String content) {
        BitMatrix best = encode(content, null);
        for (int mask = 0; mask < MASK_PATTERNS && !scans(best, content); mask++) {
            BitMatrix other = encode(content, mask);
            if (scans(other, content)) {
                return other;
            }
        }
        return best;
    }

    private static BitMatrix encode(String content, Integer maskPattern) {
        Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
        hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
        hints.put(EncodeHintType.MARGIN, 0);
        if (maskPattern != null) {
            hints.put(EncodeHintType.QR_MASK_PATTERN, maskPattern);
        }
        try {
            return new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, 0, 0, hints);
        } catch (WriterException tooLong) {
            throw new IllegalArgumentException("Cannot draw a QR code for this content", tooLong);
        }
    }

    /** Whether ZXing's finder reads the symbol back, small and as large as in the mailed PNG. */
    private static boolean scans(BitMatrix modules, String content) {
        for (int scale : new int[] {CHECK_SCALE, PNG_SCALE}) {
            BufferedImage image = image(modules, scale);
            int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
            try {
                if (!content.equals(new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                        new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)))).getText())) {
                    return false;
                }
            } catch (ReaderException misread) {
                return false;
            }
        }
        return true;
    }

    private static BufferedImage image(BitMatrix modules, int scale) {
        int size = (modules.getWidth() + 2 * QUIET_ZONE) * scale;
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_BINARY);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(Color.WHITE);
        graphics.fillRect(0, 0, size, size);
        graphics.setColor(Color.BLACK);
        for (int y = 0; y < modules.getHeight(); y++) {
            for (int x = 0; x < modules.getWidth(); x++) {
                if (modules.get(x, y)) {
                    graphics.fillRect((x + QUIET_ZONE) * scale, (y + QUIET_ZONE) * scale, scale, scale);
                }
            }
        }
        graphics.dispose();
        return image;
    }

    static String svg(String content) {
        BitMatrix matrix = modules(content);
        int size = matrix.getWidth() + 2 * QUIET_ZONE;
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < matrix.getHeight(); y++) {
            for (int x = 0; x < matrix.getWidth(); x++) {
                if (matrix.get(x, y)) {
                    path.append('M').append(x + QUIET_ZONE).append(',').append(y + QUIET_ZONE).append("h1v1h-1z");
                }
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + size + " " + size
                + "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>"
                + "<path fill=\"#000\" d=\"" + path + "\"/></svg>";
    }
}
