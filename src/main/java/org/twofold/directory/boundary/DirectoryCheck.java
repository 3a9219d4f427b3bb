package org.twofold.directory.boundary;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.twofold.directory.control.DirectoryConnections;
import org.twofold.directory.control.DirectoryRuns;
import org.twofold.directory.entity.DirectoryConnection;
import org.twofold.directory.entity.DirectoryRun;
import org.twofold.directory.entity.RunStatus;

/**
 * Each directory connection's last sync as readiness data ({@code /health/ready}, check "directory"):
 * e.g. {@code "corp-ad": "FAILED 2026-11-27T14:00:31Z"}. It reads the stored runs, never the directory:
 * probes come every few seconds, an LDAP round trip to an unreachable server would take its timeout each
 * time. Always UP: logins do not need the directory (identities keep the state of the last sync), so a
 * directory outage must not take the appliance out of a load balancer.
 */
@Readiness
@ApplicationScoped
public class DirectoryCheck implements HealthCheck {

    @Inject
    DirectoryConnections connections;

    @Inject
    DirectoryRuns runs;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder check = HealthCheckResponse.named("directory").up();
        try {
            long failing = 0;
            for (DirectoryConnection connection : connections.all()) {
                Optional<DirectoryRun> last = runs.lastEnded(connection.id());
                if (last.filter(run -> run.status() == RunStatus.FAILED).isPresent()) {
                    failing++;
                }
                check.withData(connection.name(), last.map(run -> run.status() + " " + run.endedAt()).orElse("never synced"));
            }
            return check.withData("failingConnections", failing).build();
        } catch (PersistenceException unreadable) {
            // the check "twofold" reports the database; the last syncs are merely unknown meanwhile
            return check.withData("failingConnections", "unknown: the sync runs cannot be read").build();
        }
    }
}
