package org.twofold.directory.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
import org.twofold.directory.entity.SyncMode;
import org.twofold.platform.control.Refusal;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;

/**
 * A full sync of one connection, in the background: first a planning pass that writes nothing (the dry run,
 * and the safety check: a run that would deactivate more than the allowed share of the connection's
 * identities, or that sees no user at all, stops for an operator's confirmation), then — unless it is a dry
 * run — the same pass for real, page by page, and finally the deactivation of identities that were not seen.
 * An unreachable directory fails the run before anything is written.
 */
@ApplicationScoped
public class DirectorySync {

    private static final Logger LOG = Logger.getLogger(DirectorySync.class.getName());

    @Inject
    DirectoryConnections connections;

    @Inject
    DirectoryConnector connector;

    @Inject
    DirectoryRuns runs;

    @Inject
    SyncPages pages;

    @Inject
    AuditTrail audit;

    @Resource
    ManagedExecutorService executor;

    @Inject
    @ConfigProperty(name = "twofold.directory.max-deactivation-share", defaultValue = "0.10")
    double maxDeactivationShare;

    public DirectoryRun start(String connectionId, SyncMode mode, boolean dryRun, boolean confirmed, Actor actor) {
        if (mode != SyncMode.FULL) {
            throw new Refusal(Refusal.Kind.INVALID, "invalid-request",
                    "Only FULL sync is available in this version; incremental sync is not implemented yet");
        }
        DirectoryConnection connection = connections.require(connectionId);
        DirectoryRun run = runs.begin(connectionId, mode, dryRun, confirmed, actor.name());
        audit.recordSeparately(actor, "directory.sync", "directory-connection:" + connection.name(), Outcome.SUCCESS,
                mode + (dryRun ? " dry run" : "") + (confirmed ? " (confirmed)" : "") + ", run " + run.id());
        executor.submit(() -> execute(connection, run.id(), dryRun, confirmed));
        return run;
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
        runs.end(runId, status, counts, message);
    }

    void execute(DirectoryConnection connection, String runId, boolean dryRun, boolean confirmed) {
        boolean writing = false;
        try (LDAPConnection ldap = connector.servers(connection, connector.trustFor(connection)).getConnection()) {
            DirectoryEntries entries = new DirectoryEntries(connection.flavor(), ConnectionDocuments.attributesOf(connection));
            DirectoryReader reader = new DirectoryReader(ldap, connection, entries);
            Set<String> groups = reader.twoFactorGroups(ConnectionDocuments.twoFactorGroupsOf(connection));
            int linkedActive = pages.linkedActive(connection.id());
            Pass plan = pass(reader, connection, runId, groups, false, "planning");
            int missing = linkedActive - plan.seenLinkedActive;
            SyncCounts planned = plan.counts.plus(new SyncCounts(0, 0, 0, missing, 0, 0));
            if (dryRun) {
                finish(connection, runId, true, RunStatus.SUCCEEDED, planned, "dry run: nothing written");
                return;
            }
            String unsafe = unsafe(planned, linkedActive);
            if (unsafe != null && !confirmed) {
                finish(connection, runId, false, RunStatus.STOPPED_FOR_CONFIRMATION, planned, unsafe + "; nothing was written");
                return;
            }
            writing = true;
            Pass applied = pass(reader, connection, runId, groups, true, "writing");
            int deactivated = pages.deactivateUnseen(connection.id(), connection.name(), runId);
            finish(connection, runId, false, RunStatus.SUCCEEDED, applied.counts.plus(new SyncCounts(0, 0, 0, deactivated, 0, 0)),
                    null);
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

    /** Why the planned run needs an operator's confirmation, or null when it may go ahead. */
    String unsafe(SyncCounts planned, int linkedActive) {
        int users = planned.entriesRead() - planned.errors();
        if (users <= 0) {
            return "the directory returned no usable user (wrong base DN or filter?)";
        }
        if (linkedActive > 0 && planned.deactivated() > maxDeactivationShare * linkedActive) {
            return "the run would deactivate " + planned.deactivated() + " of " + linkedActive + " identities, more than "
                    + Math.round(maxDeactivationShare * 100) + " %";
        }
        return null;
    }

    private Pass pass(DirectoryReader reader, DirectoryConnection connection, String runId, Set<String> groups,
                      boolean write, String phase) throws LDAPException {
        Pass pass = new Pass();
        reader.users(page -> {
            List<DirectoryUser> members = new ArrayList<>();
            List<String[]> errors = new ArrayList<>();
            for (DirectoryEntries.Result result : page) {
                if (result.user() == null) {
                    errors.add(new String[] {result.errorDn(), result.error()});
                } else if (groups.isEmpty() || result.user().groups().stream().anyMatch(groups::contains)) {
                    members.add(result.user());
                }
            }
            SyncPages.PageOutcome outcome = pages.process(connection.id(), connection.name(), runId, members, write);
            errors.addAll(outcome.errors());
            if (!write) {
                // the writing pass meets the same entries; their errors are recorded once, while planning
                runs.recordErrors(runId, pass.counts.errors(), errors);
            }
            pass.counts = pass.counts.plus(new SyncCounts(page.size(), outcome.counts().created(), outcome.counts().updated(),
                    outcome.counts().deactivated(), outcome.counts().reactivated(), errors.size()));
            pass.seenLinkedActive += outcome.seenLinkedActive();
            runs.progress(runId, phase + ": " + pass.counts.entriesRead() + " entries read", pass.counts);
        });
        return pass;
    }

    private static final class Pass {
        SyncCounts counts = SyncCounts.NONE;
        int seenLinkedActive;
    }
}
