package org.twofold.directory.control;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.twofold.directory.entity.DirectoryConnection;
import org.twofold.identity.entity.GroupDn;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;

/**
 * Reads a directory page by page (simple paged results, 500 entries per page — below AD's MaxPageSize of
 * 1000), so memory holds one page however big the directory is. The 2FA groups are expanded to the groups
 * nested in them, whatever the depth, which holds the group names only.
 */
final class DirectoryReader {

    static final int PAGE_SIZE = 500;
    private static final Filter GROUPS = Filter.createORFilter(Filter.createEqualityFilter("objectClass", "group"),
            Filter.createEqualityFilter("objectClass", "groupOfNames"),
            Filter.createEqualityFilter("objectClass", "groupOfUniqueNames"));

    private final LDAPConnection ldap;
    private final DirectoryConnection connection;
    private final DirectoryEntries entries;

    DirectoryReader(LDAPConnection ldap, DirectoryConnection connection, DirectoryEntries entries) {
        this.ldap = ldap;
        this.connection = connection;
        this.entries = entries;
    }

    /**
     * The 2FA groups and every group nested in them (normalised DNs); empty when the connection names no 2FA
     * group (then every user the filter matches takes part). A configured group that does not exist fails
     * the run: read as "no members", it would deactivate everyone.
     */
    Set<String> twoFactorGroups(List<String> configured) throws LDAPException {
        if (configured.isEmpty()) {
            return Set.of();
        }
        Set<String> allGroups = new HashSet<>();
        paged(GROUPS, new String[] {"1.1"}, page -> page.forEach(group -> allGroups.add(GroupDn.normalize(group.getDN()))));
        Set<String> closure = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>(configured);
        while (!pending.isEmpty()) {
            String group = pending.pop();
            if (!closure.add(GroupDn.normalize(group))) {
                continue;
            }
            SearchResultEntry entry = ldap.getEntry(group, "member", "uniqueMember");
            if (entry == null) {
                throw new LDAPException(ResultCode.NO_SUCH_OBJECT, "The 2FA group " + group + " does not exist");
            }
            for (String attribute : new String[] {"member", "uniqueMember"}) {
                String[] members = entry.getAttributeValues(attribute);
                if (members != null) {
                    for (String member : members) {
                        if (allGroups.contains(GroupDn.normalize(member))) {
                            pending.push(member);
                        }
                    }
                }
            }
        }
        return closure;
    }

    /** Every entry the user filter matches, a page at a time, as users or as errors. */
    void users(Consumer<List<DirectoryEntries.Result>> pages) throws LDAPException {
        paged(Filter.create(connection.userFilter()), entries.attributes(),
                page -> pages.accept(page.stream().map(entries::read).toList()));
    }

    private void paged(Filter filter, String[] attributes, Consumer<List<SearchResultEntry>> pages) throws LDAPException {
        ASN1OctetString cookie = null;
        do {
            SearchRequest request = new SearchRequest(connection.baseDn(), SearchScope.SUB, filter, attributes);
            request.setControls(new SimplePagedResultsControl(PAGE_SIZE, cookie));
            SearchResult result = ldap.search(request);
            pages.accept(result.getSearchEntries());
            SimplePagedResultsControl response = SimplePagedResultsControl.get(result);
            cookie = response == null ? null : response.getCookie();
        } while (cookie != null && cookie.getValueLength() > 0);
    }
}
