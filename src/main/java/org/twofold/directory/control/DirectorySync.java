package org.twofold.directory.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.twofold.audit.control.AuditTrail;
import org.twofold.audit.entity.Actor;
import org.twofold.audit.entity.Outcome;
import org.twofold.directory.entity.DirectoryConnection;
import org.twofold.directory.entity.DirectoryRun;
import org.twofold.directory.entity.RunStatus;
import org.twofold.directory.entity.SyncCounts;
import org.twofold.directory.entity.SyncCursor;
import org.twofold.directory.entity.SyncMode;
import org.twofold.identity.entity.GroupDn;
import org.twofold.platform.control.ApplianceUrl;
import org.twofold.platform.control.Refusal;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;

/**
 * A sync of one connection, in the background: first a planning pass that writes nothing (the dry run,
 * and the safety check: a run that would deactivate more than the allowed share of the connection's
 * identities, or a full run that sees no user at all, stops for an operator's confirmation), then — unless
 * it is a dry run — the same pass for real, page by page. A full pass reads every user and deactivates the
 * identities it did not meet; an incremental pass reads only what changed since the last complete run (see
 * {@link DirectoryReader}), and runs as a full one when it cannot: no earlier run, another domain controller,
 * changed group nesting. An unreachable directory fails the run before anything is written.
 */
@ApplicationScoped
public class DirectorySync {

    private static final Logger LOG = Logger.getLogger(DirectorySync.class.getName());
    private static final Actor SCHEDULER = new Actor("scheduler", null);

    @Inject
    DirectoryConnections connections;

    @Inject
    DirectoryConnector connector;

    @Inject
    DirectoryRuns runs;

    @Inject
    SyncPages pages;

    @Inject
    GroupMemberships memberships;

    @Inject
    AuditTrail audit;

    @Inject
    SyncMetrics metrics;

    @Inject
    Clock clock;

    @Inject
    ApplianceUrl applianceUrl;

    @Inject
    @ConfigProperty(name = "twofold.public-url")
    Optional<String> publicUrl;

    @Resource
    ManagedExecutorService executor;

    @Inject
    @ConfigProperty(name = "twofold.directory.max-deactivation-share", defaultValue = "0.10")
    double maxDeactivationShare;

    public DirectoryRun start(String connectionId, SyncMode mode, boolean dryRun, boolean confirmed, Actor actor) {
        DirectoryConnection connection = connections.require(connectionId);
        DirectoryRun run = runs.begin(connectionId, mode, dryRun, confirmed, actor.name());
        audit.recordSeparately(actor, "directory.sync", "directory-connection:" + connection.name(), Outcome.SUCCESS,
                mode + (dryRun ? " dry run" : "") + (confirmed ? " (confirmed)" : "") + ", run " + run.id());
        Optional<String> url = Optional.of(applianceUrl.value());
        executor.submit(() -> execute(connection, run.id(), mode, dryRun, confirmed, url));
        return run;
    }

    /** Starts the connection's scheduled run when one is due and no other node started it. */
    public void startScheduled(String connectionId) {
        runs.beginScheduled(connectionId, SCHEDULER.name()).ifPresent(run -> {
            DirectoryConnection connection = connections.require(connectionId);
            audit.recordSeparately(SCHEDULER, "directory.sync", "directory-connection:" + connection.name(), Outcome.SUCCESS,
                    run.mode() + " (scheduled), run " + run.id());
            executor.submit(() -> execute(connection, run.id(), run.mode(), false, false, ApplianceUrl.configured(publicUrl)));
        });
    }

    /** Starts the confirmed repetition of a run that stopped for confirmation. */
    public DirectoryRun confirm(String runId, Actor actor) {
        DirectoryRun stopped = runs.require(runId);
        if (stopped.status() != RunStatus.STOPPED_FOR_CONFIRMATION) {
            throw new Refusal(Refusal.Kind.CONFLICT, "run-not-stopped", "Only a run that stopped for confirmation can be confirmed");
        }
        return start(stopped.connectionId(), stopped.mode(), false, true, actor);
    }

    /** Audits the run's outcome, then records it: whoever sees the run ended finds it in the audit trail too. */
    private void finish(DirectoryConnection connection, String runId, boolean dryRun, RunStatus status, SyncCounts counts,
                        String message) {
        audit.recordSeparately(new Actor("directory:" + connection.name(), null), "directory.sync-end",
                "directory-connection:" + connection.name(), status == RunStatus.SUCCEEDED ? Outcome.SUCCESS : Outcome.FAILED,
                "run " + runId + " " + status + (dryRun ? " (dry run)" : "") + ": " + counts.entriesRead() + " read, "
                        + counts.created() + " created, " + counts.updated() + " updated, " + counts.deactivated()
                        + " deactivated, " + counts.reactivated() + " reactivated, " + counts.errors() + " errors"
                        + (message == null ? "" : "; " + message));
        metrics.ended(runs.end(runId, status, counts, message));
    }

    void execute(DirectoryConnection connection, String runId, SyncMode mode, boolean dryRun, boolean confirmed,
                 Optional<String> applianceUrl) {
        Instant began = clock.instant();
        boolean writing = false;
        try (LDAPConnection ldap = connector.servers(connection, connector.trustFor(connection)).getConnection()) {
            DirectoryReader reader = new DirectoryReader(ldap, connection,
                    new DirectoryEntries(connection.flavor(), ConnectionDocuments.attributesOf(connection)));
            Optional<SyncCursor> position = reader.position();
            Set<String> twoFactorGroups = ConnectionDocuments.twoFactorGroupsOf(connection).stream().map(GroupDn::normalize)
                    .collect(Collectors.toUnmodifiableSet());
            GroupNesting nesting = reader.nesting(List.copyOf(twoFactorGroups));
            Optional<SyncCursor> since = Optional.empty();
            if (mode == SyncMode.INCREMENTAL) {
                String impossible = whyNotIncremental(connection, position, nesting);
                if (impossible == null) {
                    since = connection.syncCursor();
                } else {
                    runs.becameFull(runId, "Ran as a full sync: " + impossible);
                }
            }
            int linkedActive = pages.linkedActive(connection.id());
            Scope scope = new Scope(connection, runId, reader, twoFactorGroups, nesting, since, position, applianceUrl,
                    linkedActive);
            int expected = runs.lastEntriesRead(connection.id(), since.isEmpty() ? SyncMode.FULL : SyncMode.INCREMENTAL);
            SyncCounts planned = scope.pass(false, PassShare.planning(dryRun, expected));
            if (dryRun) {
                finish(connection, runId, true, RunStatus.SUCCEEDED, planned, "dry run: nothing written");
                return;
            }
            String unsafe = unsafe(planned, linkedActive, since.isEmpty());
            if (unsafe != null && !confirmed) {
                finish(connection, runId, false, RunStatus.STOPPED_FOR_CONFIRMATION, planned, unsafe + "; nothing was written");
                return;
            }
            writing = true;
            SyncCounts applied = scope.pass(true, PassShare.writing(planned.entriesRead()));
            Optional<SyncCursor> next = position.or(() -> reader.cursorAfter(Duration.between(began, clock.instant())))
                    .map(cursor -> later(cursor, connection.syncCursor()));
            if (next.isPresent()) {
                connections.synced(connection.id(), next.get(), nesting.fingerprint());
            }
            finish(connection, runId, false, RunStatus.SUCCEEDED, applied, null);
        } catch (LDAPException failed) {
            finish(connection, runId, dryRun, RunStatus.FAILED, SyncCounts.NONE, (writing
                    ? "The directory stopped answering while the run wrote; the pages written stay, no identity was"
                            + " deactivated for missing: "
                    : "The directory could not be read, nothing was changed: ") + failed.getExceptionMessage());
        } catch (RuntimeException failed) {
            LOG.log(Level.SEVERE, "Directory sync run " + runId + " failed", failed);
            finish(connection, runId, dryRun, RunStatus.FAILED, SyncCounts.NONE, "Failed: " + failed);
        }
    }

    /** Why an incremental run cannot build on the last complete one, or null when it can. */
    static String whyNotIncremental(DirectoryConnection connection, Optional<SyncCursor> position, GroupNesting nesting) {
        Optional<SyncCursor> last = connection.syncCursor();
        if (last.isEmpty()) {
            return "no complete run since the connection was created or its settings changed";
        }
        if (position.isPresent() && !position.get().server().equals(last.get().server())) {
            return "another domain controller answers than at the last run (or it was restored from a backup), and"
                    + " update sequence numbers are per domain controller";
        }
        if (position.isPresent() && position.get().usn() < last.get().usn()) {
            return "the domain controller's highestCommittedUSN went back since the last run";
        }
        if (!nesting.fingerprint().equals(connection.syncNesting())) {
            return "the nesting of groups changed since the last run";
        }
        return null;
    }

    /** A generic LDAP cursor never moves back: the previous one was safe, and re-reading more gains nothing. */
    private static SyncCursor later(SyncCursor cursor, Optional<SyncCursor> previous) {
        return previous.filter(old -> old.server().equals(cursor.server()) && old.server().isEmpty()
                && old.mark().compareTo(cursor.mark()) > 0).orElse(cursor);
    }

    /** Why the planned run needs an operator's confirmation, or null when it may go ahead. */
    String unsafe(SyncCounts planned, int linkedActive, boolean full) {
        int users = planned.entriesRead() - planned.errors();
        if (full && users <= 0) {
            return "the directory returned no usable user (wrong base DN or filter?)";
        }
        if (linkedActive > 0 && planned.deactivated() > maxDeactivationShare * linkedActive) {
            return "the run would deactivate " + planned.deactivated() + " of " + linkedActive + " identities, more than "
                    + Math.round(maxDeactivationShare * 100) + " %";
        }
        return null;
    }

    /** One run's reading and writing, the same for its planning and its writing pass. */
    private final class Scope {
        private final DirectoryConnection connection;
        private final String runId;
        private final DirectoryReader reader;
        private final Set<String> twoFactorGroups;
        private final GroupNesting nesting;
        private final Optional<SyncCursor> since;
        private final Optional<SyncCursor> until;
        private final Optional<String> applianceUrl;
        /** active identities of the connection before the run wrote anything */
        private final int linkedActive;

        Scope(DirectoryConnection connection, String runId, DirectoryReader reader, Set<String> twoFactorGroups,
              GroupNesting nesting, Optional<SyncCursor> since, Optional<SyncCursor> until, Optional<String> applianceUrl,
              int linkedActive) {
            this.connection = connection;
            this.runId = runId;
            this.reader = reader;
            this.twoFactorGroups = twoFactorGroups;
            this.nesting = nesting;
            this.since = since;
            this.until = until;
            this.applianceUrl = applianceUrl;
            this.linkedActive = linkedActive;
        }

        SyncCounts pass(boolean write, PassShare share) throws LDAPException {
            return since.isPresent() ? incremental(since.get(), write, share) : full(write, share);
        }

        /** Every user; the linked identities not met are deactivated (or, planning, counted). */
        private SyncCounts full(boolean write, PassShare share) throws LDAPException {
            Progress progress = new Progress(write ? "writing" : "planning", write, share);
            reader.users(progress::page);
            int missing = write ? pages.deactivateUnseen(connection.id(), connection.name(), runId)
                    : linkedActive - progress.seenLinkedActive;
            return progress.counts.plus(new SyncCounts(0, 0, 0, missing, 0, 0));
        }

        /**
         * The users changed since the cursor, and those who joined or left a group changed since (its member
         * list compared with the memberships kept); then the linked identities whose entries were deleted,
         * moved away or left the 2FA groups are deactivated.
         */
        private SyncCounts incremental(SyncCursor from, boolean write, PassShare share) throws LDAPException {
            Progress progress = new Progress((write ? "writing" : "planning") + " changes", write, share);
            reader.changedUsers(from, until, progress::page);
            for (String group : reader.changedGroups(from, until)) {
                Set<String> members = reader.membersOf(group);
                Map<String, String> before = memberships.directMembers(connection.id(), group, nesting.nestedIn(group));
                reader.usersByDns(members.stream().filter(dn -> !before.containsKey(dn)).toList(), progress::page);
                Set<String> left = before.entrySet().stream().filter(member -> !members.contains(member.getKey()))
                        .map(Map.Entry::getValue).filter(key -> !progress.met.contains(key)).collect(Collectors.toSet());
                reader.usersByKeys(left, progress::page);
                left.removeAll(progress.met);
                progress.gone.addAll(left);
            }
            reader.changedKeys(from, until, key -> {
                if (!progress.met.contains(key)) {
                    progress.gone.add(key);
                }
            });
            int deactivated = pages.deactivateGone(connection.id(), connection.name(), runId, progress.gone, write);
            return progress.counts.plus(new SyncCounts(0, 0, 0, deactivated, 0, 0));
        }

        /**
         * What one pass did so far: its counts and, incrementally, the keys of the users it met and of those
         * that are not (or no longer) 2FA members. A full pass deactivates whom it did not meet instead.
         */
        private final class Progress {
            private final String phase;
            private final boolean write;
            private final PassShare share;
            private final Set<String> met = new HashSet<>();
            private final Set<String> gone = new HashSet<>();
            private SyncCounts counts = SyncCounts.NONE;
            private int seenLinkedActive;

            Progress(String phase, boolean write, PassShare share) {
                this.phase = phase;
                this.write = write;
                this.share = share;
            }

            void page(List<DirectoryEntries.Result> page) {
                List<DirectoryUser> members = new ArrayList<>();
                List<String[]> errors = new ArrayList<>();
                int read = 0;
                for (DirectoryEntries.Result result : page) {
                    if (result.user() == null) {
                        errors.add(new String[] {result.errorDn(), result.error()});
                        read++;
                        continue;
                    }
                    if (since.isPresent() && !met.add(result.user().key())) {
                        continue;
                    }
                    read++;
                    DirectoryUser user = result.user().withGroups(nesting.transitive(result.user().groups()));
                    if (twoFactorGroups.isEmpty() || user.groups().stream().anyMatch(twoFactorGroups::contains)) {
                        members.add(user);
                    } else if (since.isPresent()) {
                        gone.add(user.key());
                    }
                }
                SyncPages.PageOutcome outcome = pages.process(connection.id(), connection.name(), runId, members, write,
                        applianceUrl);
                errors.addAll(outcome.errors());
                if (!write) {
                    // the writing pass meets the same entries; their errors are recorded once, while planning
                    runs.recordErrors(runId, errors);
                }
                runs.recordErrors(runId, outcome.undelivered());
                errors.addAll(outcome.undelivered());
                counts = counts.plus(new SyncCounts(read, outcome.counts().created(), outcome.counts().updated(),
                        outcome.counts().deactivated(), outcome.counts().reactivated(), errors.size()));
                seenLinkedActive += outcome.seenLinkedActive();
                runs.progress(runId, phase + ": " + counts.entriesRead() + " entries read",
                        share.percent(counts.entriesRead()), counts);
            }
        }
    }
}
