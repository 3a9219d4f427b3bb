package org.twofold.delivery.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.twofold.delivery.entity.CodePurpose;
import org.twofold.platform.control.QrImage;

import com.google.zxing.common.BitMatrix;

/**
 * Renders restore-code letters and helpdesk handouts as A4 PDF pages with PDFBox: the code in groups,
 * its restore QR (drawn as vectors, so it prints sharp), instructions and, on letters, a window-envelope
 * address and the tamper notice. Liberation Sans (shipped inside PDFBox) is embedded so names and
 * addresses in any Latin, Greek or Cyrillic script print correctly.
 */
public final class CodeSheets {

    private static final String FONT = "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";
    private static final float MM = 72f / 25.4f;
    private static final float LEFT = 25 * MM;
    private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * LEFT;

    private CodeSheets() {
    }

    /** One letter per page, for posting in a DIN C5/6 window envelope. */
    public static byte[] letters(List<SheetContent> letters, LocalDate date) {
        return render(letters, date, true);
    }

    /** The handout the helpdesk gives a user whose identity it has checked in person. */
    public static byte[] handout(SheetContent handout) {
        return render(List.of(handout), null, false);
    }

    private static byte[] render(List<SheetContent> sheets, LocalDate date, boolean letter) {
        try (PDDocument document = new PDDocument(); InputStream fontFile = CodeSheets.class.getResourceAsStream(FONT)) {
            PDFont font = PDType0Font.load(document, fontFile);
            for (SheetContent sheet : sheets) {
                PDPage page = new PDPage(PDRectangle.A4);
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    new Page(content, font).draw(sheet, date, letter);
                }
            }
            document.getDocumentInformation().setTitle(letter ? "Twofold letters" : "Twofold restore-code handout");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot render the restore-code PDF", e);
        }
    }

    private static final class Page {
        private final PDPageContentStream content;
        private final PDFont font;
        private float y = PDRectangle.A4.getHeight() - 20 * MM;

        Page(PDPageContentStream content, PDFont font) {
            this.content = content;
            this.font = font;
        }

        void draw(SheetContent sheet, LocalDate date, boolean letter) throws IOException {
            text("Twofold", 16);
            text("Two-factor authentication", 9);
            if (letter) {
                // DIN 5008 window position: address field starts 45 mm from the top
                y = PDRectangle.A4.getHeight() - 50 * MM;
                text("Personal and confidential", 8);
                text(sheet.name(), 11);
                for (String line : sheet.address()) {
                    text(line, 11);
                }
                y = PDRectangle.A4.getHeight() - 100 * MM;
                text(date.toString(), 10);
            }
            String greeting = letter ? "Dear " + sheet.name() + ", h" : "H";
            boolean activation = sheet.purpose() == CodePurpose.ACTIVATION;
            gap(6);
            text(activation ? "Your Twofold activation code" : "Your Twofold restore code", 16);
            gap(4);
            paragraph(activation
                    ? greeting + "ere is the activation code for your Twofold ID (user name " + sheet.user() + ")."
                            + " Install the Twofold app on your phone, choose \"Set up\" and scan the QR code below, or"
                            + " type the code. It works once and for a limited time; if it no longer works, ask your"
                            + " helpdesk for a new one."
                    : greeting + "ere is the restore code of your Twofold ID (user name " + sheet.user() + "). With it"
                            + " you get your ID back on a new phone when you lose, replace or reset yours: open the"
                            + " Twofold app, choose \"Restore\", enter your user name and the code below, or scan the QR"
                            + " code. A one-time code sent to your email address completes the restore.", 10);
            gap(6);
            text(sheet.code(), 18);
            gap(4);
            qr(sheet.link(), 40 * MM);
            gap(4);
            paragraph(activation
                    ? "Anyone who has this code can set up your Twofold ID on their phone before you do. Keep it to"
                            + " yourself, and destroy this sheet once your phone is set up."
                    : "Keep this sheet somewhere safe, away from your phone. Anyone who has this code and can read your"
                            + " mailbox can restore your ID. Every earlier restore code no longer works; this one is"
                            + " replaced after each restore.", 10);
            if (letter) {
                gap(4);
                paragraph("This letter was sent to you sealed. If the envelope was opened or damaged when it reached"
                        + " you, do not use this code: call your helpdesk at once and ask for a new "
                        + (activation ? "activation code." : "restore code, which cancels this one."), 10);
            }
        }

        private void text(String line, float size) throws IOException {
            y -= size * 1.4f;
            content.beginText();
            content.setFont(font, size);
            content.newLineAtOffset(LEFT, y);
            content.showText(printable(line));
            content.endText();
        }

        /** Characters the embedded font has no glyph for (e.g. CJK) print as '?' instead of failing the batch. */
        private String printable(String line) {
            StringBuilder out = new StringBuilder(line.length());
            line.codePoints().forEach(codePoint -> {
                String character = new String(Character.toChars(codePoint));
                try {
                    font.encode(character);
                    out.append(character);
                } catch (IOException | IllegalArgumentException noGlyph) {
                    out.append('?');
                }
            });
            return out.toString();
        }

        private void paragraph(String text, float size) throws IOException {
            for (String line : wrap(text, size)) {
                text(line, size);
            }
        }

        private List<String> wrap(String text, float size) throws IOException {
            List<String> lines = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            for (String word : text.split(" ")) {
                String candidate = line.isEmpty() ? word : line + " " + word;
                if (font.getStringWidth(printable(candidate)) / 1000 * size > WIDTH && !line.isEmpty()) {
                    lines.add(line.toString());
                    line = new StringBuilder(word);
                } else {
                    line = new StringBuilder(candidate);
                }
            }
            lines.add(line.toString());
            return lines;
        }

        private void gap(float millimetres) {
            y -= millimetres * MM;
        }

        private void qr(String link, float size) throws IOException {
            BitMatrix modules = QrImage.modules(link);
            float module = size / modules.getWidth();
            float top = y;
            for (int row = 0; row < modules.getHeight(); row++) {
                for (int column = 0; column < modules.getWidth(); column++) {
                    if (modules.get(column, row)) {
                        content.addRect(LEFT + column * module, top - (row + 1) * module, module, module);
                    }
                }
            }
            content.fill();
            y = top - size;
        }
    }
}
