package org.twofold.directory.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.twofold.directory.entity.DirectoryConnection;
import org.twofold.identity.entity.Identity;
import org.twofold.platform.control.Refusal;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchScope;

/**
 * Optionally asks the directory at login whether the account of a synced identity is still enabled, so an
 * account disabled there is refused at once instead of after the next sync. Off by default
 * ({@code twofold.directory.live-check-seconds=0}): the trade-off is a directory round trip per login
 * (answers are cached for that many seconds per identity) against minutes of delay. A directory that does
 * not answer does not block logins: the state of the last sync decides then (logged), and the directory is
 * not asked again for that many seconds, so only one login waits for its timeout.
 */
@ApplicationScoped
public class DirectoryLiveCheck {

    private static final Logger LOG = Logger.getLogger(DirectoryLiveCheck.class.getName());
    static final int MAX_CACHED = 100_000;

    @PersistenceContext
    EntityManager em;

    @Inject
    DirectoryConnector connector;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "twofold.directory.live-check-seconds", defaultValue = "0")
    int seconds;

    private final Map<String, Verdict> cache = new ConcurrentHashMap<>();
    /** connections that failed to answer, until when they are not asked again */
    private final Map<String, Instant> unanswered = new ConcurrentHashMap<>();

    private record Verdict(boolean enabled, Instant until) {
    }

    /** Refuses the login (403 identity-deactivated) when the directory says the account is disabled or gone. */
    public void requireEnabled(Identity identity) {
        if (seconds <= 0 || identity.directoryConnectionId() == null) {
            return;
        }
        Instant now = clock.instant();
        Verdict verdict = cache.get(identity.id());
        if (verdict == null || !verdict.until().isAfter(now)) {
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
            verdict = new Verdict(ask(identity).orElse(true), now.plus(Duration.ofSeconds(seconds)));
            cache.put(identity.id(), verdict);
        }
        if (!verdict.enabled()) {
            throw new Refusal(Refusal.Kind.FORBIDDEN, "identity-deactivated", "This identity is deactivated");
        }
    }

    /** Whether the entry is still there, matches the filter and is enabled; empty when the directory cannot say. */
    private Optional<Boolean> ask(Identity identity) {
        DirectoryConnection connection = em.find(DirectoryConnection.class, identity.directoryConnectionId());
        Instant now = clock.instant();
        if (connection == null || unanswered.getOrDefault(connection.id(), Instant.MIN).isAfter(now)) {
            return Optional.empty();
        }
        DirectoryEntries entries = new DirectoryEntries(connection.flavor(), ConnectionDocuments.attributesOf(connection));
        try (LDAPConnection ldap = connector.servers(connection, connector.trustFor(connection)).getConnection()) {
            SearchResult found = ldap.search(connection.baseDn(), SearchScope.SUB, Filter.createANDFilter(
                    Filter.create(connection.userFilter()), entries.keyFilter(identity.directoryKey())), entries.attributes());
            if (found.getEntryCount() != 1) {
                return Optional.of(false);
            }
            DirectoryUser user = entries.read(found.getSearchEntries().get(0)).user();
            return Optional.of(user != null && user.enabled());
        } catch (LDAPException unreachable) {
            // one timeout, not one per login: the connection is not asked again for a while
            unanswered.put(connection.id(), now.plus(Duration.ofSeconds(seconds)));
            LOG.warning("Live directory check for " + identity.user() + " failed, the last sync decides: "
                    + unreachable.getExceptionMessage());
            return Optional.empty();
        }
    }
}
