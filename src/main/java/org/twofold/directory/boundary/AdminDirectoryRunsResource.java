package org.twofold.directory.boundary;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.twofold.directory.control.DirectoryRuns;
import org.twofold.directory.control.DirectorySync;
import org.twofold.directory.entity.DirectoryRun;
import org.twofold.directory.entity.SyncCounts;
import org.twofold.operator.boundary.AllowedRoles;
import org.twofold.operator.boundary.CurrentOperator;
import org.twofold.operator.entity.Role;

/** {@code /admin/directory/runs/{runId}}: a sync run with its counts, progress while it runs and the entries it skipped. */
@ApplicationScoped
@Path("admin/directory/runs/{runId}")
@Produces(MediaType.APPLICATION_JSON)
@AllowedRoles(Role.ADMIN)
public class AdminDirectoryRunsResource {

    @Inject
    DirectoryRuns runs;

    @Inject
    DirectorySync sync;

    @Inject
    CurrentOperator operator;

    @GET
    public RunView run(@PathParam("runId") String runId) {
        return RunView.of(runs.require(runId), runs.errorsOf(runId));
    }

    /** Additive to PROTOCOL.md: repeats a run that stopped for confirmation, this time writing (202 {"runId"}). */
    @POST
    @Path("confirm")
    public Response confirm(@PathParam("runId") String runId) {
        return Response.accepted(new AdminDirectorySyncResource.Started(sync.confirm(runId, operator.actor()).id())).build();
    }

    public record RunView(String id, String connectionId, String mode, boolean dryRun, String status, int entriesRead,
                          int created, int updated, int deactivated, int reactivated, int errors, String progress,
                          Integer percentDone, String message, String startedBy, Instant startedAt, Instant endedAt,
                          List<DirectoryRuns.EntryError> errorEntries) {

        /** {@code errorEntries} null leaves them out (lists of runs show the counts only). */
        static RunView of(DirectoryRun run, List<DirectoryRuns.EntryError> errorEntries) {
            SyncCounts counts = run.counts();
            return new RunView(run.id(), run.connectionId(), run.mode().name(), run.dryRun(), run.status().name(),
                    counts.entriesRead(), counts.created(), counts.updated(), counts.deactivated(), counts.reactivated(),
                    counts.errors(), run.progress(), run.percentDone(), run.message(), run.startedBy(), run.startedAt(), run.endedAt(),
                    errorEntries);
        }
    }
}
