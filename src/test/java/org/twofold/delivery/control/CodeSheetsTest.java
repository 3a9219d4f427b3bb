package org.twofold.delivery.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.twofold.delivery.entity.CodePurpose;
import org.twofold.testing.Pdfs;

class CodeSheetsTest {

    private static final String CODE = "7K3Q-M9TD-2XWA-HV6R-PE4N-0BJC-8FYS";

    @Test
    void aBatchHasOneLetterPerRecipientWithAddressCodeQrAndTamperNotice() throws Exception {
        SheetContent jane = new SheetContent(CodePurpose.RESTORE, "Jane Doe", List.of("Jane Doe", "Main Street 1", "12345 Springfield"), "jdoe",
                CODE, RestoreLink.of("jdoe", CODE));
        SheetContent lukasz = new SheetContent(CodePurpose.RESTORE, "Łukasz Żółć", List.of("ul. Długa 5", "00-001 Warszawa"), "lzolc",
                "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG", RestoreLink.of("lzolc", "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG"));

        Pdfs.Read letters = Pdfs.read(CodeSheets.letters(List.of(jane, lukasz), LocalDate.of(2026, 11, 27)));

        assertEquals(2, letters.pages());
        assertTrue(letters.text().contains("Main Street 1") && letters.text().contains("12345 Springfield"), letters.text());
        assertTrue(letters.text().contains("Łukasz Żółć") && letters.text().contains("ul. Długa 5"), "names print in their own script");
        assertTrue(letters.text().contains(CODE), letters.text());
        assertTrue(letters.text().contains("2026-11-27"));
        assertTrue(letters.text().contains("envelope was opened or damaged"), "tamper notice");
        assertEquals(List.of("twofold://restore?u=jdoe&c=" + CODE,
                "twofold://restore?u=lzolc&c=AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG"), letters.qrCodes());
    }

    @Test
    void aHandoutHasTheCodeAndQrButNoAddress() throws Exception {
        Pdfs.Read handout = Pdfs.read(CodeSheets.handout(new SheetContent(CodePurpose.RESTORE, "Jane Doe", List.of(), "jdoe", CODE,
                RestoreLink.of("jdoe", CODE))));

        assertEquals(1, handout.pages());
        assertTrue(handout.text().contains(CODE));
        assertFalse(handout.text().contains("envelope"), "no tamper notice on a handout");
        assertEquals(List.of("twofold://restore?u=jdoe&c=" + CODE), handout.qrCodes());
    }

    @Test
    void charactersTheFontLacksPrintAsQuestionMarksInsteadOfFailing() throws Exception {
        Pdfs.Read letter = Pdfs.read(CodeSheets.letters(List.of(new SheetContent(CodePurpose.RESTORE, "山田太郎", List.of("東京都"), "yamada", CODE,
                RestoreLink.of("yamada", CODE))), LocalDate.of(2026, 11, 27)));

        assertTrue(letter.text().contains("????"), letter.text());
        assertTrue(letter.text().contains(CODE));
    }
}
