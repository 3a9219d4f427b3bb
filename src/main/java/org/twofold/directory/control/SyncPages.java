package org.twofold.directory.control;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import org.twofold.audit.control.AuditTrail;
import org.twofold.audit.entity.Actor;
import org.twofold.audit.entity.Outcome;
import org.twofold.directory.entity.SyncCounts;
import org.twofold.identity.control.Identities;
import org.twofold.identity.entity.Identity;
import org.twofold.identity.entity.IdentityStatus;

/**
 * One page of users, one transaction, a handful of queries (identities by key, by name) whatever the page
 * size. A planning pass runs the very same code and rolls its transaction back, so a dry run and the
 * safety check see exactly what the real run would do.
 */
@ApplicationScoped
public class SyncPages {

    @PersistenceContext
    EntityManager em;

    @Resource
    TransactionSynchronizationRegistry transaction;

    @Inject
    AuditTrail audit;

    @Inject
    GroupMemberships memberships;

    @Inject
    AutoEnrollment enrollment;

    @Inject
    Clock clock;

    /**
     * Counts of one page, how many linked identities that were active the page saw, its bad entries, and
     * (writing only) the new identities whose activation code could not be sent.
     */
    public record PageOutcome(SyncCounts counts, int seenLinkedActive, List<String[]> errors, List<String[]> undelivered) {
    }

    /** {@code applianceUrl}: where devices reach the appliance, for mailed activation links (see {@link AutoEnrollment}). */
    @Transactional
    public PageOutcome process(String connectionId, String connectionName, String runId, List<DirectoryUser> users,
                               boolean write, Optional<String> applianceUrl) {
        Actor actor = actor(connectionName);
        Map<String, Identity> byKey = users.isEmpty() ? Map.of() : em.createQuery("SELECT i FROM Identity i"
                        + " WHERE i.directoryKey IN :keys", Identity.class)
                .setParameter("keys", users.stream().map(DirectoryUser::key).toList())
                .getResultStream().filter(identity -> connectionId.equals(identity.directoryConnectionId()))
                .collect(Collectors.toMap(Identity::directoryKey, Function.identity()));
        Map<String, Identity> byName = new HashMap<>(users.isEmpty() ? Map.of() : em.createQuery(
                        "SELECT i FROM Identity i WHERE i.user IN :names", Identity.class)
                .setParameter("names", users.stream().map(DirectoryUser::user).distinct().toList())
                .getResultStream().collect(Collectors.toMap(Identity::user, Function.identity())));
        int updated = 0;
        int deactivated = 0;
        int reactivated = 0;
        int seenLinkedActive = 0;
        List<String[]> errors = new ArrayList<>();
        Map<Identity, Set<String>> groups = new HashMap<>();
        Map<Identity, DirectoryUser> created = new HashMap<>();
        for (DirectoryUser user : users) {
            Identity identity = byKey.get(user.key());
            Identity named = byName.get(user.user());
            // an identity whose entry this connection lost may be taken over by a new entry with its name
            boolean orphaned = named != null && named.directoryDeleted() && connectionId.equals(named.directoryConnectionId());
            if (named != null && named != identity && (identity != null || named.directoryKey() != null && !orphaned)) {
                errors.add(new String[] {user.dn(), "the user name " + user.user() + " belongs to another identity"});
                continue;
            }
            boolean changed;
            if (identity == null && named == null) {
                if (!user.enabled()) {
                    continue;
                }
                identity = new Identity(user.user(), user.email(), user.displayName(), user.postalAddress(), clock.instant());
                identity.linkToDirectory(connectionId, user.key());
                identity.refreshFromDirectory(user.user(), user.dn(), user.email(), user.displayName(), user.postalAddress(),
                        user.phone(), runId);
                em.persist(identity);
                created.put(identity, user);
                byName.put(user.user(), identity);
                changed = false;
            } else {
                boolean linked = identity == null;
                if (linked) {
                    identity = named;
                    identity.linkToDirectory(connectionId, user.key());
                } else if (identity.status() == IdentityStatus.ACTIVE) {
                    seenLinkedActive++;
                }
                byName.remove(identity.user());
                changed = identity.refreshFromDirectory(user.user(), user.dn(), user.email(), user.displayName(),
                        user.postalAddress(), user.phone(), runId) || linked;
                byName.put(user.user(), identity);
            }
            switch (identity.directoryEnabled(user.enabled())) {
                case DEACTIVATED -> {
                    deactivated++;
                    audit.record(actor, "identity.deactivate", Identities.target(identity), Outcome.SUCCESS,
                            "account disabled in the directory");
                }
                case REACTIVATED -> {
                    reactivated++;
                    audit.record(actor, "identity.reactivate", Identities.target(identity), Outcome.SUCCESS,
                            "account enabled in the directory again");
                }
                case NONE -> { }
            }
            if (changed) {
                updated++;
            }
            groups.put(identity, user.groups());
        }
        List<String[]> undelivered = List.of();
        if (write) {
            em.flush();
            memberships.replace(groups.entrySet().stream().collect(Collectors.toMap(entry -> entry.getKey().id(),
                    Map.Entry::getValue)));
            undelivered = enrollment.deliver(created, applianceUrl, actor);
        } else {
            transaction.setRollbackOnly();
        }
        return new PageOutcome(new SyncCounts(users.size(), created.size(), updated, deactivated, reactivated, 0),
                seenLinkedActive, errors, undelivered);
    }

    /** Active identities of the connection, before the run changes anything. */
    @Transactional
    public int linkedActive(String connectionId) {
        return em.createQuery("SELECT COUNT(i) FROM Identity i WHERE i.directoryConnectionId = :connection"
                        + " AND i.status = :active", Long.class)
                .setParameter("connection", connectionId)
                .setParameter("active", IdentityStatus.ACTIVE)
                .getSingleResult().intValue();
    }

    /**
     * Identities of the connection the run did not see (removed from the directory, or no longer in a 2FA
     * group) are deactivated, their data kept; they come back when they reappear.
     */
    @Transactional
    public int deactivateUnseen(String connectionId, String connectionName, String runId) {
        int count = em.createQuery("UPDATE Identity i SET i.status = :deactivated, i.directoryDeleted = TRUE,"
                        + " i.version = i.version + 1 WHERE i.directoryConnectionId = :connection AND i.status = :active"
                        + " AND (i.directorySeenRun IS NULL OR i.directorySeenRun <> :run)")
                .setParameter("deactivated", IdentityStatus.DEACTIVATED)
                .setParameter("connection", connectionId)
                .setParameter("active", IdentityStatus.ACTIVE)
                .setParameter("run", runId)
                .executeUpdate();
        if (count > 0) {
            audit.record(actor(connectionName), "directory.deactivate-missing", "directory-connection:" + connectionName,
                    Outcome.SUCCESS, count + " identities no longer in the directory (or its 2FA groups) deactivated by run "
                            + runId);
        }
        return count;
    }

    /**
     * Deactivates the active identities of the connection with these keys — entries an incremental run
     * found deleted, moved away or out of the 2FA groups — keeping their data; their entries bring them back.
     */
    @Transactional
    public int deactivateGone(String connectionId, String connectionName, String runId, Collection<String> keys,
                              boolean write) {
        int count = 0;
        for (List<String> chunk : DirectoryReader.chunks(keys, DirectoryReader.PAGE_SIZE)) {
            // looked up by key alone (its own index), then changed by id
            List<String> ids = em.createQuery("SELECT i FROM Identity i WHERE i.directoryKey IN :keys", Identity.class)
                    .setParameter("keys", chunk)
                    .getResultStream().filter(identity -> connectionId.equals(identity.directoryConnectionId()))
                    .map(Identity::id).toList();
            if (!ids.isEmpty()) {
                count += em.createQuery("UPDATE Identity i SET i.status = :deactivated, i.directoryDeleted = TRUE,"
                                + " i.version = i.version + 1 WHERE i.id IN :ids AND i.status = :active")
                        .setParameter("deactivated", IdentityStatus.DEACTIVATED)
                        .setParameter("active", IdentityStatus.ACTIVE)
                        .setParameter("ids", ids)
                        .executeUpdate();
            }
        }
        if (!write) {
            transaction.setRollbackOnly();
        } else if (count > 0) {
            audit.record(actor(connectionName), "directory.deactivate-missing", "directory-connection:" + connectionName,
                    Outcome.SUCCESS, count + " identities deleted from the directory, moved out of its base DN or out of"
                            + " its 2FA groups deactivated by run " + runId);
        }
        return count;
    }

    private static Actor actor(String connectionName) {
        return new Actor("directory:" + connectionName, null);
    }
}
