package org.twofold.policy.entity;

import java.io.Serializable;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** One saved version of a policy: the document as written, who saved it, when and what changed. Never updated. */
@Entity
@Table(name = "restore_policy_version")
@IdClass(PolicyVersion.Key.class)
public class PolicyVersion {

    @Id
    private String name;

    @Id
    private int version;

    private String document;

    private boolean deleted;

    @Column(name = "change_note")
    private String changeNote;

    @Column(name = "changed_by")
    private String changedBy;

    @Column(name = "changed_at")
    private Instant changedAt;

    protected PolicyVersion() {
    }

    public PolicyVersion(String name, int version, String document, boolean deleted, String changeNote,
                         String changedBy, Instant changedAt) {
        this.name = name;
        this.version = version;
        this.document = document;
        this.deleted = deleted;
        this.changeNote = changeNote;
        this.changedBy = changedBy;
        this.changedAt = changedAt;
    }

    public String name() {
        return name;
    }

    public int version() {
        return version;
    }

    public String document() {
        return document;
    }

    public boolean deleted() {
        return deleted;
    }

    public String changeNote() {
        return changeNote;
    }

    public String changedBy() {
        return changedBy;
    }

    public Instant changedAt() {
        return changedAt;
    }

    public static class Key implements Serializable {
        private String name;
        private int version;

        public Key() {
        }

        public Key(String name, int version) {
            this.name = name;
            this.version = version;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.name.equals(name) && key.version == version;
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + version;
        }
    }
}
