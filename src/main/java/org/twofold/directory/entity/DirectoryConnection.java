package org.twofold.directory.entity;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * How to reach and read one directory: its servers (tried in order), transport security and trust, the
 * bind account (password sealed), where users are and which attributes say what. The mapping and the 2FA
 * groups are kept as the JSON the operator sent.
 */
@Entity
@Table(name = "directory_connection")
public class DirectoryConnection {

    @Id
    private String id;

    private String name;

    @Enumerated(EnumType.STRING)
    private DirectoryFlavor flavor;

    /** LDAP URLs, one per line, in failover order */
    private String urls;

    @Column(name = "start_tls")
    private boolean startTls;

    @Column(name = "pinned_sha256")
    private String pinnedSha256;

    @Column(name = "bind_dn")
    private String bindDn;

    @Column(name = "bind_password_sealed")
    private String bindPasswordSealed;

    @Column(name = "base_dn")
    private String baseDn;

    @Column(name = "user_filter")
    private String userFilter;

    private String attributes;

    @Column(name = "two_factor_groups")
    private String twoFactorGroups;

    /** Directory groups whose members sign in to the dashboard with these operator roles (JSON). */
    @Column(name = "operator_groups")
    private String operatorGroups;

    @Column(name = "schedule_enabled")
    private boolean scheduleEnabled;

    @Column(name = "incremental_minutes")
    private int incrementalMinutes;

    @Column(name = "full_cron")
    private String fullCron;

    /** where the last complete run left the directory; see {@link SyncCursor} */
    @Column(name = "sync_cursor")
    private String syncCursor;

    @Column(name = "sync_nesting")
    private String syncNesting;

    @Column(name = "trusted_ca_pem")
    private String trustedCaPem;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    @Version
    private long version;

    protected DirectoryConnection() {
    }

    public DirectoryConnection(String name, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.name = name;
        this.createdAt = now;
    }

    /**
     * Everything but the password; {@code attributesJson} and {@code groupsJson} as the operator sent them.
     * What an incremental run would build on was read with the old settings, so the next run is a full one.
     */
    public void configure(DirectoryFlavor flavor, List<String> urls, boolean startTls, String pinnedSha256,
                          String trustedCaPem, String bindDn, String baseDn, String userFilter, String attributesJson,
                          String groupsJson, boolean scheduleEnabled, int incrementalMinutes, String fullCron,
                          Instant now) {
        this.flavor = flavor;
        this.urls = String.join("\n", urls);
        this.startTls = startTls;
        this.pinnedSha256 = pinnedSha256;
        this.trustedCaPem = trustedCaPem;
        this.syncCursor = null;
        this.syncNesting = null;
        this.bindDn = bindDn;
        this.baseDn = baseDn;
        this.userFilter = userFilter;
        this.attributes = attributesJson;
        this.twoFactorGroups = groupsJson;
        this.scheduleEnabled = scheduleEnabled;
        this.incrementalMinutes = incrementalMinutes;
        this.fullCron = fullCron;
        this.updatedAt = now;
    }

    /** Changes no sync state: who may sign in as an operator has nothing to do with what a sync reads. */
    public void operatorGroups(String operatorGroupsJson) {
        this.operatorGroups = operatorGroupsJson;
    }

    public String operatorGroupsJson() {
        return operatorGroups == null ? "{}" : operatorGroups;
    }

    /** A complete run ended: the next incremental run reads what changed after {@code cursor}. */
    public void synced(SyncCursor cursor, String nesting) {
        this.syncCursor = cursor.toString();
        this.syncNesting = nesting;
    }

    public Optional<SyncCursor> syncCursor() {
        return Optional.ofNullable(syncCursor).map(SyncCursor::parse);
    }

    /** Fingerprint of the group nesting at the last complete run. */
    public String syncNesting() {
        return syncNesting;
    }

    public void sealedBindPassword(String sealed) {
        this.bindPasswordSealed = sealed;
    }

    public void rename(String name) {
        this.name = name;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public DirectoryFlavor flavor() {
        return flavor;
    }

    public List<String> urls() {
        return List.of(urls.split("\n"));
    }

    public boolean startTls() {
        return startTls;
    }

    public String pinnedSha256() {
        return pinnedSha256;
    }

    public String trustedCaPem() {
        return trustedCaPem;
    }

    public String bindDn() {
        return bindDn;
    }

    public String bindPasswordSealed() {
        return bindPasswordSealed;
    }

    public String baseDn() {
        return baseDn;
    }

    public String userFilter() {
        return userFilter;
    }

    public String attributesJson() {
        return attributes;
    }

    public String twoFactorGroupsJson() {
        return twoFactorGroups;
    }

    public boolean scheduleEnabled() {
        return scheduleEnabled;
    }

    public int incrementalMinutes() {
        return incrementalMinutes;
    }

    public String fullCron() {
        return fullCron;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
