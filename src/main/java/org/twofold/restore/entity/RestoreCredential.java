package org.twofold.restore.entity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * The identity's restore code (only its keyed hash) and whether restore is locked because a device that
 * arrived by restore or duplication was blocked as unauthorised.
 */
@Entity
@Table(name = "restore_credential")
public class RestoreCredential {

    @Id
    @Column(name = "identity_id")
    private String identityId;

    @Column(name = "code_hash")
    private String codeHash;

    @Column(name = "shown_to_device_id")
    private String shownToDeviceId;

    @Column(name = "issued_at")
    private Instant issuedAt;

    @Column(name = "locked_by_block")
    private boolean lockedByBlock;

    @Version
    private long version;

    protected RestoreCredential() {
    }

    public RestoreCredential(String identityId) {
        this.identityId = identityId;
    }

    /** A new code replaces the old one (which dies) and opens a restore lock left by a block. */
    public void replaceCode(String newCodeHash, String shownToDeviceId, Instant now) {
        this.codeHash = newCodeHash;
        this.shownToDeviceId = shownToDeviceId;
        this.issuedAt = now;
        this.lockedByBlock = false;
    }

    /** A blocked newcomer may have come with a stolen code: the code dies and restore stays shut. */
    public void lockAfterBlock(String blockedDeviceId) {
        lockedByBlock = true;
        if (blockedDeviceId.equals(shownToDeviceId)) {
            codeHash = null;
            shownToDeviceId = null;
        }
    }

    /** The used code dies without a successor (the channel for a new one cannot reach the user). */
    public void retire() {
        codeHash = null;
        shownToDeviceId = null;
    }

    public void unlock() {
        lockedByBlock = false;
    }

    public boolean hasCode() {
        return codeHash != null;
    }

    public String identityId() {
        return identityId;
    }

    public String codeHash() {
        return codeHash;
    }

    public boolean lockedByBlock() {
        return lockedByBlock;
    }

    public Instant issuedAt() {
        return issuedAt;
    }
}
