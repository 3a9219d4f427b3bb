package org.twofold.audit.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.twofold.audit.entity.AuditEntry;
import org.twofold.audit.entity.Outcome;

/** The audit export is CSV a spreadsheet reads back field by field, and never runs as a formula. */
class AuditCsvTest {

    @Test
    void everyFieldIsQuotedSoNoSeparatorOfAnyLocaleSplitsIt() {
        AuditEntry entry = new AuditEntry(42, Instant.parse("2026-03-01T10:15:30.123Z"), "operator:admin",
                "operator.create", "operator:jdoe", "10.0.0.7", Outcome.SUCCESS, null, "0".repeat(64));

        assertEquals("\"42\",\"2026-03-01T10:15:30.123Z\",\"operator:admin\",\"operator.create\",\"operator:jdoe\","
                + "\"10.0.0.7\",\"SUCCESS\",,\"" + entry.hash() + "\"\r\n", AuditCsv.line(entry));
        assertEquals("\"user:x;'=2+5;\"", AuditCsv.field("user:x;'=2+5;"));
    }

    @Test
    void commasQuotesAndLineBreaksAreQuoted() {
        assertEquals("\"roles [ADMIN, HELPDESK]\"", AuditCsv.field("roles [ADMIN, HELPDESK]"));
        assertEquals("\"the \"\"old\"\" phone\"", AuditCsv.field("the \"old\" phone"));
        assertEquals("\"two\nlines\"", AuditCsv.field("two\nlines"));
        assertEquals("\"cr\rhere\"", AuditCsv.field("cr\rhere"));
        assertEquals("", AuditCsv.field(null));
        assertEquals("", AuditCsv.field(""));
    }

    @Test
    void aFormulaIsDefused() {
        assertEquals("\"'=HYPERLINK(\"\"http://evil\"\",\"\"click\"\")\"",
                AuditCsv.field("=HYPERLINK(\"http://evil\",\"click\")"));
        assertEquals("\"'+1\"", AuditCsv.field("+1"));
        assertEquals("\"'-2+3\"", AuditCsv.field("-2+3"));
        assertEquals("\"'@SUM(A1)\"", AuditCsv.field("@SUM(A1)"));
        assertTrue(AuditCsv.field("\tcmd").startsWith("\"'"));
        assertEquals("\"a=b\"", AuditCsv.field("a=b"), "only a leading sign starts a formula");
    }

    @Test
    void theHeaderNamesTheNineColumns() {
        assertEquals("seq,at,actor,action,target,sourceAddress,outcome,detail,hash\r\n", AuditCsv.HEADER);
    }
}
