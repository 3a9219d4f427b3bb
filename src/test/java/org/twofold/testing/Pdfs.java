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
import com.google.zxing.ChecksumException;
import com.google.zxing.FormatException;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;

/** Reads a PDF the way its reader does: the text on the pages, and each page's QR code as a camera scans it. */
public final class Pdfs {

    private static final int[] SCAN_DPI = {150, 200, 300};

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
                codes.add(scanQr(renderer, page));
            }
            return new Read(document.getNumberOfPages(), texts, codes);
        } catch (Exception e) {
            throw new AssertionError("Not a readable PDF: " + e, e);
        }
    }

    /** The QR code in an image file (e.g. a PNG attached to a mail), or null. */
    public static String qrInImage(byte[] image) {
        try {
            return new QRCodeReader().decode(bitmap(ImageIO.read(new ByteArrayInputStream(image)))).getText();
        } catch (NotFoundException noQrCode) {
            return null;
        } catch (Exception e) {
            throw new AssertionError("Not a readable image: " + e, e);
        }
    }

    /**
     * ZXing's finder misreads about one symbol in a few hundred at one particular size and reads it at every
     * other: like a camera moving closer, a code found but misread is scanned again at finer scales. A symbol
     * that no scale reads fails the test.
     */
    private static String scanQr(PDFRenderer renderer, int page) throws Exception {
        ReaderException misread = null;
        for (int dpi : SCAN_DPI) {
            try {
                return new QRCodeReader().decode(bitmap(renderer.renderImageWithDPI(page, dpi))).getText();
            } catch (NotFoundException noQrCode) {
                if (misread == null) {
                    return null;
                }
            } catch (ChecksumException | FormatException e) {
                misread = e;
            }
        }
        throw misread;
    }

    private static BinaryBitmap bitmap(BufferedImage image) {
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        return new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)));
    }
}
