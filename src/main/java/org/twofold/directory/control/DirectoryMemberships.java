package org.twofold.directory.control;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.twofold.directory.entity.DirectoryConnection;
import org.twofold.identity.entity.GroupDn;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;

/**
 * The groups a directory account is in right now, nested ones included, read with the service account: what
 * decides a directory operator's roles at sign-in and at each later check, whatever the last sync saw.
 */
@ApplicationScoped
public class DirectoryMemberships {

    private static final Logger LOG = Logger.getLogger(DirectoryMemberships.class.getName());
    /** Enough for any real nesting; a bound keeps a cycle or a huge tree from costing a sign-in its time. */
    static final int MAX_GROUPS = 500;

    @Inject
    DirectoryConnector connector;

    /**
     * Normalised group DNs ({@link GroupDn}); empty when the account is unknown or disabled, absent when the
     * directory is not reachable.
     */
    public Optional<Set<String>> groupsOf(DirectoryConnection connection, String userName) {
        try (LDAPConnection ldap = connector.servers(connection, connector.trustFor(connection)).getConnection()) {
            DirectoryEntries entries = new DirectoryEntries(connection.flavor(), ConnectionDocuments.attributesOf(connection));
            Filter filter = Filter.createANDFilter(Filter.create(connection.userFilter()),
                    Filter.createEqualityFilter(ConnectionDocuments.attributesOf(connection).user(), userName.strip()));
            SearchResult found = ldap.search(connection.baseDn(), SearchScope.SUB, filter, entries.attributes());
            if (found.getEntryCount() != 1 || !entries.enabled(found.getSearchEntries().get(0))) {
                return Optional.of(Set.of());
            }
            Set<String> groups = new HashSet<>();
            Deque<String> toRead = new ArrayDeque<>(memberOf(found.getSearchEntries().get(0)));
            while (!toRead.isEmpty() && groups.size() < MAX_GROUPS) {
                String group = toRead.pop();
                if (groups.add(GroupDn.normalize(group))) {
                    SearchResultEntry entry = ldap.getEntry(group, "memberOf");
                    if (entry != null) {
                        toRead.addAll(memberOf(entry));
                    }
                }
            }
            return Optional.of(groups);
        } catch (LDAPException unavailable) {
            LOG.log(Level.WARNING, "Directory " + connection.name() + " unavailable for reading the groups of "
                    + userName + ": " + unavailable.getExceptionMessage());
            return Optional.empty();
        }
    }

    private static Set<String> memberOf(SearchResultEntry entry) {
        String[] values = entry.getAttributeValues("memberOf");
        return values == null ? Set.of() : Set.of(values);
    }
}
