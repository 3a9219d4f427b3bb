package org.twofold.audit.control;

import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.twofold.audit.entity.AuditEntry;

/**
 * Audit entries as CSV (RFC 4180: comma-separated, CRLF, fields in double quotes when they hold a comma,
 * a quote or a line break, quotes doubled). A field that a spreadsheet would run as a formula gets a leading
 * apostrophe: audit details carry text from outside (device names, user names), and an export must not
 * turn into a command on the reviewer's machine.
 */
public final class AuditCsv {

    public static final String HEADER = "seq,at,actor,action,target,sourceAddress,outcome,detail,hash\r\n";

    private AuditCsv() {
    }

    public static String line(AuditEntry entry) {
        return Stream.of(Long.toString(entry.seq()), entry.recordedAt().toString(), entry.actor(), entry.action(),
                        entry.target(), entry.sourceAddress(), entry.outcome().name(), entry.detail(), entry.hash())
                .map(AuditCsv::field)
                .collect(Collectors.joining(",", "", "\r\n"));
    }

    static String field(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String safe = "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        // always quoted: spreadsheets in many locales split on ';' too, and would read a formula after it
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }
}
