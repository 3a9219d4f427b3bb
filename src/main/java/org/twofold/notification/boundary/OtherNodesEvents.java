package org.twofold.notification.boundary;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.postgresql.Driver;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.twofold.notification.control.EventRelay;
import org.twofold.notification.control.RelayedEvent;

/**
 * Listens ({@code LISTEN}) for what the other nodes on the same PostgreSQL database relay and hands it to
 * this node's live streams. One connection of its own, outside the pool, for as long as the node runs; when
 * it breaks it is opened again. Devices that missed something meanwhile get it when they reconnect.
 */
@ApplicationScoped
public class OtherNodesEvents {

    private static final Logger LOG = Logger.getLogger(OtherNodesEvents.class.getName());
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Inject
    EventRelay relay;

    @Inject
    DeviceEventHub hub;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    @ConfigProperty(name = "twofold.db.url")
    String url;

    @Inject
    @ConfigProperty(name = "twofold.db.user")
    Optional<String> user;

    @Inject
    @ConfigProperty(name = "twofold.db.password")
    Optional<String> password;

    private volatile boolean running;
    private Thread listener;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (!relay.clustered()) {
            return;
        }
        running = true;
        listener = threads.newThread(this::listen);
        listener.setName("twofold-other-nodes-events");
        listener.start();
    }

    @PreDestroy
    void stop() {
        running = false;
        if (listener != null) {
            listener.interrupt();
        }
    }

    private void listen() {
        while (running) {
            try (Connection connection = connect();
                 Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + RelayedEvent.CHANNEL);
                PGConnection notices = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] received = notices.getNotifications((int) WAIT.toMillis());
                    if (received == null) {
                        continue;
                    }
                    for (PGNotification notice : received) {
                        RelayedEvent.parse(notice.getParameter())
                                .filter(relayed -> !relayed.node().equals(relay.node()))
                                .ifPresent(this::handOn);
                    }
                }
            } catch (SQLException broken) {
                if (running) {
                    LOG.log(Level.WARNING, "Lost the database connection that hears other nodes' device events; reconnecting",
                            broken);
                    pause();
                }
            }
        }
    }

    /** One notice that cannot be handed on must not stop the listening. */
    private void handOn(RelayedEvent relayed) {
        try {
            hub.relay(relayed);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot hand another node's device event to this node's streams", e);
        }
    }

    /** The driver itself: DriverManager need not see a driver that only the application's class loader holds. */
    private Connection connect() throws SQLException {
        Properties credentials = new Properties();
        user.ifPresent(name -> credentials.setProperty("user", name));
        password.ifPresent(secret -> credentials.setProperty("password", secret));
        Connection connection = new Driver().connect(url, credentials);
        if (connection == null) {
            throw new SQLException("Not a PostgreSQL URL: " + url);
        }
        return connection;
    }

    private void pause() {
        try {
            Thread.sleep(WAIT.toMillis());
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
