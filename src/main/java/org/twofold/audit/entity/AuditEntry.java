package org.twofold.audit.entity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One append-only audit record; {@code hash} covers every field and the predecessor's hash. */
@Entity
@Table(name = "audit_entry")
public class AuditEntry {

    @Id
    private long seq;

    @Column(name = "recorded_at")
    private Instant recordedAt;

    private String actor;

    private String action;

    private String target;

    @Column(name = "source_address")
    private String sourceAddress;

    @Enumerated(EnumType.STRING)
    private Outcome outcome;

    private String detail;

    @Column(name = "previous_hash")
    private String previousHash;

    private String hash;

    protected AuditEntry() {
    }

    public AuditEntry(long seq, Instant recordedAt, String actor, String action, String target,
                      String sourceAddress, Outcome outcome, String detail, String previousHash) {
        this.seq = seq;
        this.recordedAt = recordedAt;
        this.actor = actor;
        this.action = action;
        this.target = target;
        this.sourceAddress = sourceAddress;
        this.outcome = outcome;
        this.detail = detail;
        this.previousHash = previousHash;
        this.hash = AuditChain.hashOf(this);
    }

    public long seq() {
        return seq;
    }

    public Instant recordedAt() {
        return recordedAt;
    }

    public String actor() {
        return actor;
    }

    public String action() {
        return action;
    }

    public String target() {
        return target;
    }

    public String sourceAddress() {
        return sourceAddress;
    }

    public Outcome outcome() {
        return outcome;
    }

    public String detail() {
        return detail;
    }

    public String previousHash() {
        return previousHash;
    }

    public String hash() {
        return hash;
    }
}
