package org.twofold.testing;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

/** Reads a PDF the way its reader does: the text on the pages, and each page's QR code as a camera scans it. */
public final class Pdfs {

    private Pdfs() {
    }

    /** {@code qrCodes}: per page, the QR code's content (null for a page without one). */
    public record Read(int pages, List<String> pageTexts, List<String> qrCodes) {

        public String text() {
            return String.join("\n", pageTexts);
        }
    }

    public static Read read(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDFRenderer renderer = new PDFRenderer(document);
            PDFTextStripper stripper = new PDFTextStripper();
            List<String> texts = new ArrayList<>();
            List<String> codes = new ArrayList<>();
            for (int page = 0; page < document.getNumberOfPages(); page++) {
                stripper.setStartPage(page + 1);
                stripper.setEndPage(page + 1);
                texts.add(stripper.getText(document));
                codes.add(scanQr(renderer.renderImageWithDPI(page, 150)));
            }
            return new Read(document.getNumberOfPages(), texts, codes);
        } catch (Exception e) {
            throw new AssertionError("Not a readable PDF: " + e, e);
        }
    }

    /** The QR code in an image file (e.g. a PNG attached to a mail), or null. */
    public static String qrInImage(byte[] image) {
        try {
            return scanQr(ImageIO.read(new ByteArrayInputStream(image)));
        } catch (Exception e) {
            throw new AssertionError("Not a readable image: " + e, e);
        }
    }

    private static String scanQr(BufferedImage image) throws Exception {
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        try {
            return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                    new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)))).getText();
        } catch (NotFoundException noQrCode) {
            return null;
        }
    }
}
