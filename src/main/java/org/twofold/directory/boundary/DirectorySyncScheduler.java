package org.twofold.directory.boundary;

import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import org.twofold.directory.control.DirectoryConnections;
import org.twofold.directory.control.DirectorySync;
import org.twofold.directory.entity.DirectoryConnection;

/**
 * Every minute, on every node, starts the scheduled runs that are due (each connection's incremental
 * interval and nightly full run, see {@code SyncSchedule}); the connection's row lock lets one node start
 * each. The runs themselves go on in the background.
 */
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DirectorySyncScheduler {

    private static final Logger LOG = Logger.getLogger(DirectorySyncScheduler.class.getName());

    @Inject
    DirectoryConnections connections;

    @Inject
    DirectorySync sync;

    @Schedule(hour = "*", minute = "*", second = "30", persistent = false)
    public void startDueRuns() {
        for (DirectoryConnection connection : connections.all()) {
            try {
                sync.startScheduled(connection.id());
            } catch (RuntimeException failed) {
                LOG.log(Level.WARNING, "Cannot start the scheduled sync of directory connection " + connection.name(), failed);
            }
        }
    }
}
