package org.twofold.policy.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A policy name and which of its versions is live. Its priority is kept here too, unique among live
 * policies (the database refuses a duplicate), and cleared when the policy is deleted.
 */
@Entity
@Table(name = "restore_policy")
public class PolicyRecord {

    @Id
    private String name;

    @Column(name = "current_version")
    private int currentVersion;

    private Integer priority;

    private boolean deleted;

    @Version
    private long version;

    protected PolicyRecord() {
    }

    public PolicyRecord(String name) {
        this.name = name;
    }

    /** The next version becomes live; {@code priority} is null for a deletion. */
    public int advance(Integer priority, boolean deleted) {
        this.currentVersion++;
        this.priority = priority;
        this.deleted = deleted;
        return currentVersion;
    }

    public String name() {
        return name;
    }

    public int currentVersion() {
        return currentVersion;
    }

    public boolean deleted() {
        return deleted;
    }
}
