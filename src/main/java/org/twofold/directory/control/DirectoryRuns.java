package org.twofold.directory.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import org.twofold.directory.entity.DirectoryConnection;
import org.twofold.directory.entity.DirectoryRun;
import org.twofold.directory.entity.RunStatus;
import org.twofold.directory.entity.SyncCounts;
import org.twofold.directory.entity.SyncMode;
import org.twofold.platform.control.Refusal;

/** The stored runs: begun one at a time per connection, updated while they run, each change committed at once. */
@ApplicationScoped
public class DirectoryRuns {

    static final int MAX_STORED_ERRORS = 1000;
    static final Duration STALE_AFTER = Duration.ofHours(1);

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    /** A bad entry of a run: where, and why it was skipped. */
    public record EntryError(String dn, String message) {
    }

    /** Under a lock on the connection's row: two operators starting a sync at once get one run and one 409. */
    @Transactional
    public DirectoryRun begin(String connectionId, SyncMode mode, boolean dryRun, boolean confirmed, String startedBy) {
        requireIdle(connectionId);
        DirectoryRun run = new DirectoryRun(connectionId, mode, dryRun, confirmed, startedBy, clock.instant());
        em.persist(run);
        return run;
    }

    /** Locks the connection for the caller's transaction; refused while a run of it is running. */
    public void requireIdle(String connectionId) {
        lockIdle(connectionId).orElseThrow(() -> new Refusal(Refusal.Kind.CONFLICT, "sync-running",
                "A sync of this connection is running; wait for it to end"));
    }

    /** The latest runs of a connection, newest first. */
    public List<DirectoryRun> latest(String connectionId, int count) {
        return em.createQuery("SELECT r FROM DirectoryRun r WHERE r.connectionId = :connection ORDER BY r.startedAt DESC",
                        DirectoryRun.class)
                .setParameter("connection", connectionId)
                .setMaxResults(count)
                .getResultList();
    }

    /**
     * Begins the scheduled run when one is due, decided under the same lock: every appliance node of a
     * cluster asks each minute, one of them begins it. Committed on return (even inside the timer's
     * transaction), so the run started next finds it.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<DirectoryRun> beginScheduled(String connectionId, String startedBy) {
        Optional<DirectoryConnection> idle = lockIdle(connectionId);
        if (idle.isEmpty() || !idle.get().scheduleEnabled()) {
            return Optional.empty();
        }
        DirectoryConnection connection = idle.get();
        Optional<SyncSchedule.LastRun> lastRun = em.createQuery("SELECT r FROM DirectoryRun r WHERE r.connectionId = :connection"
                        + " AND r.dryRun = FALSE ORDER BY r.startedAt DESC", DirectoryRun.class)
                .setParameter("connection", connectionId)
                .setMaxResults(1)
                .getResultStream().findFirst().map(run -> new SyncSchedule.LastRun(run.startedAt(), run.status()));
        // not MAX(r.startedAt): PostgreSQL's driver answers an aggregate as a Timestamp, past the Instant converter
        Instant lastFull = em.createQuery("SELECT r.startedAt FROM DirectoryRun r WHERE r.connectionId = :connection"
                        + " AND r.mode = :full AND r.status = :succeeded AND r.dryRun = FALSE ORDER BY r.startedAt DESC", Instant.class)
                .setParameter("connection", connectionId)
                .setParameter("full", SyncMode.FULL)
                .setParameter("succeeded", RunStatus.SUCCEEDED)
                .setMaxResults(1)
                .getResultStream().findFirst().orElse(connection.createdAt());
        return SyncSchedule.due(clock.instant(), connection.incrementalMinutes(), connection.fullCron(), ZoneId.systemDefault(),
                lastRun, lastFull).map(mode -> {
                    DirectoryRun run = new DirectoryRun(connectionId, mode, false, false, startedBy, clock.instant());
                    em.persist(run);
                    return run;
                });
    }

    /** Locks the connection; empty while a run of it is running. A run whose node died is given up first. */
    private Optional<DirectoryConnection> lockIdle(String connectionId) {
        DirectoryConnection connection = Optional.ofNullable(em.find(DirectoryConnection.class, connectionId,
                        LockModeType.PESSIMISTIC_WRITE))
                .orElseThrow(() -> new Refusal(Refusal.Kind.NOT_FOUND, "unknown-connection", "No such directory connection"));
        // a run whose node died never ends by itself; after an hour (a full sync takes minutes) it is given up
        em.createQuery("UPDATE DirectoryRun r SET r.status = :failed, r.message = :message, r.endedAt = :now,"
                        + " r.version = r.version + 1 WHERE r.connectionId = :connection AND r.status = :running"
                        + " AND r.startedAt < :stale")
                .setParameter("failed", RunStatus.FAILED)
                .setParameter("message", "Interrupted: the run did not end within an hour (the appliance was probably restarted)")
                .setParameter("now", clock.instant())
                .setParameter("connection", connectionId)
                .setParameter("running", RunStatus.RUNNING)
                .setParameter("stale", clock.instant().minus(STALE_AFTER))
                .executeUpdate();
        boolean running = !em.createQuery("SELECT r.id FROM DirectoryRun r WHERE r.connectionId = :connection"
                        + " AND r.status = :running", String.class)
                .setParameter("connection", connectionId)
                .setParameter("running", RunStatus.RUNNING)
                .setMaxResults(1).getResultList().isEmpty();
        return running ? Optional.empty() : Optional.of(connection);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void progress(String runId, String progress, Integer percentDone, SyncCounts counts) {
        DirectoryRun run = em.find(DirectoryRun.class, runId);
        run.progress(progress, percentDone);
        run.counts(counts);
    }

    /** How many entries the connection's last ended run of this mode read: what the next one will read, roughly. */
    @Transactional
    public int lastEntriesRead(String connectionId, SyncMode mode) {
        return em.createQuery("SELECT r.entriesRead FROM DirectoryRun r WHERE r.connectionId = :connection"
                        + " AND r.mode = :mode AND r.status <> :running AND r.entriesRead > 0 ORDER BY r.startedAt DESC",
                        Integer.class)
                .setParameter("connection", connectionId)
                .setParameter("mode", mode)
                .setParameter("running", RunStatus.RUNNING)
                .setMaxResults(1)
                .getResultStream().findFirst().orElse(0);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void becameFull(String runId, String reason) {
        em.find(DirectoryRun.class, runId).becameFull(reason);
    }

    /** Stores the bad entries after those stored before, up to the first {@value #MAX_STORED_ERRORS}. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordErrors(String runId, List<String[]> errors) {
        if (errors.isEmpty()) {
            return;
        }
        int position = ((Number) em.createNativeQuery("SELECT COUNT(*) FROM directory_run_error WHERE run_id = ?")
                .setParameter(1, runId).getSingleResult()).intValue();
        for (String[] error : errors) {
            if (position >= MAX_STORED_ERRORS) {
                return;
            }
            em.createNativeQuery("INSERT INTO directory_run_error (run_id, position, entry_dn, message) VALUES (?, ?, ?, ?)")
                    .setParameter(1, runId)
                    .setParameter(2, position++)
                    .setParameter(3, clip(error[0], 1000))
                    .setParameter(4, clip(error[1], 500))
                    .executeUpdate();
        }
    }

    /** Committed on return; the ended run tells how long it took. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public DirectoryRun end(String runId, RunStatus status, SyncCounts counts, String message) {
        DirectoryRun run = em.find(DirectoryRun.class, runId);
        run.counts(counts);
        run.end(status, message, clock.instant());
        return run;
    }

    /**
     * The connection's latest run that ended: what the last sync learnt about the directory. Runs of a
     * connection never overlap, so the latest started is the latest ended, read backwards along the index.
     */
    public Optional<DirectoryRun> lastEnded(String connectionId) {
        return em.createQuery("SELECT r FROM DirectoryRun r WHERE r.connectionId = :connection AND r.status <> :running"
                        + " ORDER BY r.startedAt DESC", DirectoryRun.class)
                .setParameter("connection", connectionId)
                .setParameter("running", RunStatus.RUNNING)
                .setMaxResults(1)
                .getResultStream().findFirst();
    }

    public DirectoryRun require(String runId) {
        return Optional.ofNullable(em.find(DirectoryRun.class, runId))
                .orElseThrow(() -> new Refusal(Refusal.Kind.NOT_FOUND, "unknown-run", "No such directory sync run"));
    }

    public List<EntryError> errorsOf(String runId) {
        List<?> rows = em.createNativeQuery("SELECT entry_dn, message FROM directory_run_error WHERE run_id = ?"
                        + " ORDER BY position")
                .setParameter(1, runId)
                .getResultList();
        return rows.stream().map(row -> (Object[]) row).map(row -> new EntryError((String) row[0], (String) row[1])).toList();
    }

    private static String clip(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length);
    }
}
