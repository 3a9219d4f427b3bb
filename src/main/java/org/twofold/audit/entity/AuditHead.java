package org.twofold.audit.entity;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The end of the audit chain; its row lock orders all appends. */
@Entity
@Table(name = "audit_head")
public class AuditHead {

    public static final int ID = 1;

    @Id
    private int id;

    @Column(name = "last_seq")
    private long lastSeq;

    @Column(name = "last_hash")
    private String lastHash;

    protected AuditHead() {
    }

    public AuditEntry append(Instant at, Actor actor, String action, String target, Outcome outcome, String detail) {
        AuditEntry entry = new AuditEntry(lastSeq + 1, at.truncatedTo(ChronoUnit.MILLIS),
                clamp(actor.name(), 200), clamp(action, 64), clamp(target, 200),
                clamp(actor.sourceAddress(), 64), outcome, clamp(detail, 1000), lastHash);
        lastSeq = entry.seq();
        lastHash = entry.hash();
        return entry;
    }

    public long lastSeq() {
        return lastSeq;
    }

    public String lastHash() {
        return lastHash;
    }

    /** Columns have limits; an over-long value is cut rather than failing the audited action. */
    private static String clamp(String value, int max) {
        if (value == null || value.length() <= max) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(max - 1)) ? max - 1 : max;
        return value.substring(0, end);
    }
}
