package org.twofold.platform.boundary;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.twofold.audit.control.AuditTrail;
import org.twofold.audit.entity.Actor;
import org.twofold.audit.entity.Outcome;
import org.twofold.platform.control.DatabaseBackup;
import org.twofold.platform.control.MaintenanceToken;

/**
 * The database part of {@code twofoldctl backup}: only from this machine, and only with the maintenance
 * token from the data directory. Not part of the device or relying-party protocol.
 */
@ApplicationScoped
@Path("maintenance/backup")
@Produces(MediaType.APPLICATION_JSON)
public class MaintenanceBackupResource {

    @Inject
    MaintenanceToken token;

    @Inject
    DatabaseBackup backup;

    @Inject
    AuditTrail audit;

    @Inject
    HttpServletRequest request;

    @POST
    public Response take(@HeaderParam("Authorization") String authorization) {
        if (!token.admits(request.getRemoteAddr(), authorization)) {
            return ProblemAnswer.of(401, MaintenanceToken.REFUSED_CODE, MaintenanceToken.REFUSED_TITLE);
        }
        audit.recordSeparately(new Actor("maintenance", request.getRemoteAddr()), "backup.take", "database", Outcome.SUCCESS,
                null);
        DatabaseBackup.Taken taken = backup.take();
        JsonObjectBuilder answer = Json.createObjectBuilder()
                .add("database", taken.kind().name().toLowerCase(Locale.ROOT))
                .add("schemaVersion", taken.schemaVersion());
        taken.file().ifPresent(file -> answer.add("file", file.toString()));
        return Response.ok(answer.build()).build();
    }
}
