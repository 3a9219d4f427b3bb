package org.twofold.notification.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.twofold.platform.control.DatabaseKind;

/**
 * Tells the other nodes sharing the PostgreSQL database about committed device events and disconnects, by
 * {@code NOTIFY}, so that a device whose live stream is open on another node hears of a login started here.
 * H2 runs one node only: nothing to tell.
 */
@ApplicationScoped
public class EventRelay {

    private static final Logger LOG = Logger.getLogger(EventRelay.class.getName());
    /** As the hub's own streams write items (platform.boundary.JsonConfig): nulls included. */
    private static final Jsonb JSON = JsonbBuilder.create(new JsonbConfig().withNullValues(true));

    /** This node, for the others and for recognising its own notices. */
    private final String node = UUID.randomUUID().toString();

    @Resource(lookup = "java:app/jdbc/twofold")
    DataSource dataSource;

    @Inject
    @ConfigProperty(name = "twofold.db.url")
    String databaseUrl;

    public String node() {
        return node;
    }

    public boolean clustered() {
        return DatabaseKind.of(databaseUrl) == DatabaseKind.POSTGRESQL;
    }

    void event(@Observes(during = TransactionPhase.AFTER_SUCCESS) DeviceEvent event) {
        if (clustered()) {
            tell(RelayedEvent.event(node, event.identityId(), event.item().type(), JSON.toJson(event.item())));
        }
    }

    void disconnect(@Observes(during = TransactionPhase.AFTER_SUCCESS) DeviceDisconnect removed) {
        if (clustered()) {
            tell(RelayedEvent.disconnect(node, removed.deviceId()));
        }
    }

    /** After the commit, so a failure here cannot undo what happened; the devices catch up when they reconnect. */
    private void tell(RelayedEvent relayed) {
        relayed.payload().ifPresentOrElse(payload -> {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
                notify.setString(1, RelayedEvent.CHANNEL);
                notify.setString(2, payload);
                notify.execute();
            } catch (SQLException e) {
                LOG.log(Level.WARNING, "Cannot tell the other nodes about a device event; their devices see it on reconnect", e);
            }
        }, () -> LOG.warning("A device event too large to relay; devices on other nodes see it on reconnect"));
    }
}
