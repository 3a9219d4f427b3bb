package org.twofold.delivery.entity;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** Letters an operator downloaded as one PDF; confirming them printed destroys their codes. */
@Entity
@Table(name = "letter_batch")
public class LetterBatch {

    @Id
    private String id;

    private int letters;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "created_by")
    private String createdBy;

    @Column(name = "printed_at")
    private Instant printedAt;

    @Column(name = "printed_by")
    private String printedBy;

    @Version
    private long version;

    protected LetterBatch() {
    }

    public LetterBatch(Instant now, String createdBy) {
        this.id = UUID.randomUUID().toString();
        this.createdAt = now;
        this.createdBy = createdBy;
    }

    public void holding(int letters) {
        this.letters = letters;
    }

    public void printed(Instant now, String by) {
        this.printedAt = now;
        this.printedBy = by;
    }

    public boolean isPrinted() {
        return printedAt != null;
    }

    public String id() {
        return id;
    }

    public int letters() {
        return letters;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant printedAt() {
        return printedAt;
    }

    public String printedBy() {
        return printedBy;
    }
}
