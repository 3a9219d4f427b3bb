package org.twofold.directory.control;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import org.twofold.audit.control.AuditTrail;
import org.twofold.audit.entity.Actor;
import org.twofold.audit.entity.Outcome;
import org.twofold.crypto.control.SecretBox;
import org.twofold.directory.entity.DirectoryConnection;
import org.twofold.directory.entity.SyncCursor;
import org.twofold.platform.control.Refusal;

/** Creating, changing, removing and trying directory connections; every change is audited. */
@ApplicationScoped
public class DirectoryConnections {

    @PersistenceContext
    EntityManager em;

    @Inject
    SecretBox box;

    @Inject
    DirectoryConnector connector;

    @Inject
    DirectoryRuns runs;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    public DirectoryConnection create(ConnectionSettings settings, Actor actor) {
        requireNameFree(settings.name(), null);
        DirectoryConnection connection = new DirectoryConnection(settings.name(), clock.instant());
        apply(connection, settings);
        em.persist(connection);
        audit.record(actor, "directory.connection-create", target(connection), Outcome.SUCCESS, summary(settings));
        return connection;
    }

    /** Replaces the settings; a missing {@code bindPassword} keeps the stored one. */
    public DirectoryConnection update(String id, ConnectionSettings settings, Actor actor) {
        DirectoryConnection connection = require(id);
        requireNameFree(settings.name(), id);
        connection.rename(settings.name());
        apply(connection, settings);
        audit.record(actor, "directory.connection-update", target(connection), Outcome.SUCCESS, summary(settings)
                + (settings.bindPassword().isPresent() ? ", new bind password" : ""));
        return connection;
    }

    /** Not while a run of it is running: the run would lose where it writes its progress. */
    public void delete(String id, Actor actor) {
        runs.requireIdle(id);
        DirectoryConnection connection = require(id);
        em.remove(connection);
        audit.record(actor, "directory.connection-delete", target(connection), Outcome.SUCCESS, null);
    }

    /** Outside any transaction: the directory may take seconds to answer, no database connection waits for it. */
    public ConnectionTest test(String id, Actor actor) {
        DirectoryConnection connection = require(id);
        ConnectionTest result = connector.test(connection);
        audit.recordSeparately(actor, "directory.connection-test", target(connection), result.ok() ? Outcome.SUCCESS : Outcome.FAILED,
                result.message());
        return result;
    }

    /** A complete run ended: where the next incremental run starts. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void synced(String id, SyncCursor cursor, String nesting) {
        Optional.ofNullable(em.find(DirectoryConnection.class, id)).ifPresent(connection -> connection.synced(cursor, nesting));
    }

    public List<DirectoryConnection> all() {
        return em.createQuery("SELECT c FROM DirectoryConnection c ORDER BY c.name", DirectoryConnection.class).getResultList();
    }

    public DirectoryConnection require(String id) {
        return Optional.ofNullable(em.find(DirectoryConnection.class, id))
                .orElseThrow(() -> new Refusal(Refusal.Kind.NOT_FOUND, "unknown-connection", "No such directory connection"));
    }

    private void apply(DirectoryConnection connection, ConnectionSettings settings) {
        connection.configure(settings.flavor(), settings.urls().stream().map(LdapAddress::toString).toList(),
                settings.startTls(), settings.pinnedSha256().orElse(null), settings.trustedCaPem().orElse(null),
                settings.bindDn(), settings.baseDn(),
                settings.userFilter(), ConnectionDocuments.attributesJson(settings.attributes()).toString(),
                ConnectionDocuments.groupsJson(settings.twoFactorGroups()).toString(), settings.scheduleEnabled(),
                settings.incrementalMinutes(),
                settings.fullCron(), clock.instant());
        connection.operatorGroups(ConnectionDocuments.operatorGroupsJson(settings.operatorGroups()).toString());
        settings.bindPassword().ifPresent(password -> connection.sealedBindPassword(box.seal(password, connection.id())));
    }

    private void requireNameFree(String name, String exceptId) {
        em.createQuery("SELECT c.id FROM DirectoryConnection c WHERE c.name = :name", String.class)
                .setParameter("name", name)
                .getResultStream().filter(id -> !id.equals(exceptId)).findFirst().ifPresent(taken -> {
                    throw new Refusal(Refusal.Kind.CONFLICT, "connection-exists", "A directory connection with this name exists");
                });
    }

    private static String summary(ConnectionSettings settings) {
        return settings.flavor() + " " + settings.urls() + (settings.startTls() ? " with StartTLS" : "")
                + (settings.pinnedSha256().isPresent() ? ", pinned certificate" : "")
                + (settings.trustedCaPem().isPresent() ? ", own CA certificates" : "") + ", bind " + settings.bindDn()
                + ", base " + settings.baseDn();
    }

    private static String target(DirectoryConnection connection) {
        return "directory-connection:" + connection.name();
    }
}
