package org.twofold.directory.entity;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** One sync run of a directory connection, visible while it runs and kept afterwards. */
@Entity
@Table(name = "directory_run")
public class DirectoryRun {

    @Id
    private String id;

    @Column(name = "connection_id")
    private String connectionId;

    @Enumerated(EnumType.STRING)
    private SyncMode mode;

    @Column(name = "dry_run")
    private boolean dryRun;

    private boolean confirmed;

    @Enumerated(EnumType.STRING)
    private RunStatus status;

    @Column(name = "started_by")
    private String startedBy;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "ended_at")
    private Instant endedAt;

    @Column(name = "entries_read")
    private int entriesRead;

    private int created;
    private int updated;
    private int deactivated;
    private int reactivated;
    private int errors;

    private String progress;

    /** how far the run is, 0-99 while it runs (an estimate), 100 once it ended; null while unknown */
    @Column(name = "percent_done")
    private Integer percentDone;

    private String message;

    @Version
    private long version;

    protected DirectoryRun() {
    }

    public DirectoryRun(String connectionId, SyncMode mode, boolean dryRun, boolean confirmed, String startedBy, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.connectionId = connectionId;
        this.mode = mode;
        this.dryRun = dryRun;
        this.confirmed = confirmed;
        this.status = RunStatus.RUNNING;
        this.startedBy = startedBy;
        this.startedAt = now;
        this.progress = "starting";
    }

    public void counts(SyncCounts counts) {
        this.entriesRead = counts.entriesRead();
        this.created = counts.created();
        this.updated = counts.updated();
        this.deactivated = counts.deactivated();
        this.reactivated = counts.reactivated();
        this.errors = counts.errors();
    }

    public void progress(String progress, Integer percentDone) {
        this.progress = progress.length() > 200 ? progress.substring(0, 200) : progress;
        this.percentDone = percentDone;
    }

    /** An incremental run that cannot build on the last one runs as a full one; the reason stays its message. */
    public void becameFull(String reason) {
        this.mode = SyncMode.FULL;
        this.message = reason;
    }

    /** A message given at the end follows one the run already had. */
    public void end(RunStatus status, String message, Instant now) {
        if (this.message != null) {
            message = message == null ? this.message : this.message + "; " + message;
        }
        this.status = status;
        this.message = message == null || message.length() <= 1000 ? message : message.substring(0, 1000);
        this.endedAt = now;
        this.progress = status == RunStatus.RUNNING ? progress : "done";
        this.percentDone = status == RunStatus.RUNNING ? percentDone : Integer.valueOf(100);
    }

    public String id() {
        return id;
    }

    public String connectionId() {
        return connectionId;
    }

    public SyncMode mode() {
        return mode;
    }

    public boolean dryRun() {
        return dryRun;
    }

    public boolean confirmed() {
        return confirmed;
    }

    public RunStatus status() {
        return status;
    }

    public String startedBy() {
        return startedBy;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant endedAt() {
        return endedAt;
    }

    public SyncCounts counts() {
        return new SyncCounts(entriesRead, created, updated, deactivated, reactivated, errors);
    }

    public String progress() {
        return progress;
    }

    public Integer percentDone() {
        return percentDone;
    }

    public String message() {
        return message;
    }
}
