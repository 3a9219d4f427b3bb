package org.twofold.identity.entity;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.twofold.platform.control.Refusal;

/** A user's 2FA ID. */
@Entity
@Table(name = "identity")
public class Identity {

    private static final Pattern USER = Pattern.compile("[a-z0-9][a-z0-9._@-]{0,127}");

    @Id
    private String id;

    @Column(name = "user_name")
    private String user;

    private String email;

    @Column(name = "display_name")
    private String displayName;

    /** The display name in lower case, for the dashboard's case-insensitive prefix search. */
    @Column(name = "display_name_key")
    private String displayNameKey;

    @Enumerated(EnumType.STRING)
    private IdentityStatus status;

    @Column(name = "successful_logins")
    private long successfulLogins;

    @Column(name = "restore_active")
    private boolean restoreActive;

    @Column(name = "created_at")
    private Instant createdAt;

    /** lines of the postal address restore-code letters go to, separated by line feeds */
    @Column(name = "postal_address")
    private String postalAddress;

    private String phone;

    /** the directory connection this identity comes from, and its entry's stable key (objectGUID, entryUUID) */
    @Column(name = "directory_connection_id")
    private String directoryConnectionId;

    @Column(name = "directory_key")
    private String directoryKey;

    @Column(name = "directory_dn")
    private String directoryDn;

    @Column(name = "directory_disabled")
    private boolean directoryDisabled;

    @Column(name = "directory_deleted")
    private boolean directoryDeleted;

    @Column(name = "directory_seen_run")
    private String directorySeenRun;

    @Version
    private long version;

    protected Identity() {
    }

    public Identity(String user, String email, String displayName, List<String> postalAddress, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.user = canonicalUser(user);
        this.email = email;
        name(displayName);
        this.postalAddress = postalAddress.isEmpty() ? null : String.join("\n", postalAddress);
        this.status = IdentityStatus.ACTIVE;
        this.createdAt = now;
    }

    /** User names compare case-insensitively, as directory account names do. */
    public static String canonicalUser(String typed) {
        String canonical = typed.strip().toLowerCase(Locale.ROOT);
        if (!USER.matcher(canonical).matches()) {
            throw Refusal.invalidRequest("A user name has 1-128 letters, digits or . _ @ - and starts with a letter or digit");
        }
        return canonical;
    }

    public void deactivate() {
        status = IdentityStatus.DEACTIVATED;
    }

    public void reactivate() {
        status = IdentityStatus.ACTIVE;
    }

    public boolean isActive() {
        return status == IdentityStatus.ACTIVE;
    }

    /** The restore function is offered from the 4th successful login on while it is off. */
    public boolean restorePrompt() {
        return !restoreActive && successfulLogins >= 4;
    }

    public String id() {
        return id;
    }

    public String user() {
        return user;
    }

    public String email() {
        return email;
    }

    public String displayName() {
        return displayName;
    }

    public IdentityStatus status() {
        return status;
    }

    public long successfulLogins() {
        return successfulLogins;
    }

    public boolean restoreActive() {
        return restoreActive;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** The postal address, line by line; empty when the identity has none. */
    public List<String> postalAddress() {
        return postalAddress == null ? List.of() : List.of(postalAddress.split("\n"));
    }

    /** Links the identity to its directory entry; renames in the directory follow the key. */
    private void name(String displayName) {
        this.displayName = displayName;
        this.displayNameKey = displayName == null ? null : displayName.toLowerCase(Locale.ROOT);
    }

    public void linkToDirectory(String connectionId, String key) {
        this.directoryConnectionId = connectionId;
        this.directoryKey = key;
    }

    /** Takes the directory's values; true when anything changed. */
    public boolean refreshFromDirectory(String userName, String dn, String email, String displayName,
                                        List<String> address, String phoneNumber, String runId) {
        String newAddress = address.isEmpty() ? null : String.join("\n", address);
        boolean changed = !Objects.equals(user, userName) || !Objects.equals(this.email, email)
                || !Objects.equals(this.displayName, displayName) || !Objects.equals(postalAddress, newAddress)
                || !Objects.equals(phone, phoneNumber) || !Objects.equals(directoryDn, dn);
        this.user = userName;
        this.directoryDn = dn;
        this.email = email;
        name(displayName);
        this.postalAddress = newAddress;
        this.phone = phoneNumber;
        this.directorySeenRun = runId;
        return changed;
    }

    /**
     * The directory disabled or re-enabled the account. A disabled account deactivates the identity; only
     * a deactivation the directory made is undone by it — one a helpdesk made stays.
     */
    public DirectoryTransition directoryEnabled(boolean enabled) {
        if (!enabled && !directoryDisabled) {
            directoryDisabled = true;
            directoryDeleted = false;
            boolean wasActive = status == IdentityStatus.ACTIVE;
            if (wasActive) {
                status = IdentityStatus.DEACTIVATED;
            }
            return wasActive ? DirectoryTransition.DEACTIVATED : DirectoryTransition.NONE;
        }
        if (enabled && (directoryDisabled || directoryDeleted)) {
            directoryDisabled = false;
            directoryDeleted = false;
            if (status == IdentityStatus.DEACTIVATED) {
                status = IdentityStatus.ACTIVE;
                return DirectoryTransition.REACTIVATED;
            }
        }
        return DirectoryTransition.NONE;
    }

    public String directoryConnectionId() {
        return directoryConnectionId;
    }

    public String directoryKey() {
        return directoryKey;
    }

    public boolean directoryDisabled() {
        return directoryDisabled;
    }

    public boolean directoryDeleted() {
        return directoryDeleted;
    }

    public String phone() {
        return phone;
    }

    /** What the directory's view did to the identity's status. */
    public enum DirectoryTransition {
        NONE, DEACTIVATED, REACTIVATED
    }
}
