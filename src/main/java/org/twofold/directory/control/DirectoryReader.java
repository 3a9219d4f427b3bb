package org.twofold.directory.control;

import java.text.ParseException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.twofold.directory.entity.DirectoryConnection;
import org.twofold.directory.entity.DirectoryFlavor;
import org.twofold.directory.entity.SyncCursor;
import org.twofold.identity.entity.GroupDn;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Control;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import com.unboundid.util.StaticUtils;

/**
 * Reads a directory page by page (simple paged results, 500 entries per page — below AD's MaxPageSize of
 * 1000), so memory holds one page however big the directory is. Besides all users, it reads what changed
 * since a {@link SyncCursor}: Active Directory by uSNChanged (and, with the Show Deleted control, the
 * tombstones of deleted users), generic LDAP by modifyTimestamp — of which it remembers the newest it saw.
 */
final class DirectoryReader {

    static final int PAGE_SIZE = 500;
    /** values per OR filter when users are looked up by key or by group */
    static final int CHUNK = 100;
    static final String SHOW_DELETED_OID = "1.2.840.113556.1.4.417";
    private static final String MODIFIED = "modifyTimestamp";
    private static final DateTimeFormatter GENERALIZED_SECONDS = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final Filter GROUPS = Filter.createORFilter(Filter.createEqualityFilter("objectClass", "group"),
            Filter.createEqualityFilter("objectClass", "groupOfNames"),
            Filter.createEqualityFilter("objectClass", "groupOfUniqueNames"));

    private final LDAPConnection ldap;
    private final DirectoryConnection connection;
    private final DirectoryEntries entries;
    private final boolean activeDirectory;
    private String namingContext;
    private Date newest;

    DirectoryReader(LDAPConnection ldap, DirectoryConnection connection, DirectoryEntries entries) {
        this.ldap = ldap;
        this.connection = connection;
        this.entries = entries;
        this.activeDirectory = connection.flavor() == DirectoryFlavor.ACTIVE_DIRECTORY;
    }

    /**
     * Active Directory: which domain controller answers (its invocationId) and its highestCommittedUSN now,
     * read before anything else, so whatever changes while the run reads is left for the next run. Generic
     * LDAP has no such counter: empty, its cursor comes from {@link #cursorAfter}.
     */
    Optional<SyncCursor> position() throws LDAPException {
        if (!activeDirectory) {
            return Optional.empty();
        }
        SearchResultEntry root = ldap.getEntry("", "highestCommittedUSN", "dsServiceName");
        String usn = root == null ? null : root.getAttributeValue("highestCommittedUSN");
        String service = root == null ? null : root.getAttributeValue("dsServiceName");
        if (usn == null || service == null) {
            throw new LDAPException(ResultCode.UNWILLING_TO_PERFORM, "The server's root DSE has no highestCommittedUSN or"
                    + " dsServiceName: is it Active Directory? (Choose GENERIC_LDAP otherwise.)");
        }
        SearchResultEntry settings = ldap.getEntry(service, "invocationId");
        byte[] invocation = settings == null ? null : settings.getAttributeValueBytes("invocationId");
        if (invocation == null || invocation.length != 16) {
            throw new LDAPException(ResultCode.UNWILLING_TO_PERFORM, "Cannot read the invocationId of " + service);
        }
        return Optional.of(new SyncCursor(DirectoryEntries.guidText(invocation), usn));
    }

    /**
     * Generic LDAP: the newest modifyTimestamp seen, moved back by the run's duration and two seconds — a
     * change the run missed because it came after its entry was read happened after the run began, so no
     * earlier than that. Re-reading the few entries changed in between costs nothing.
     */
    Optional<SyncCursor> cursorAfter(Duration runDuration) {
        return Optional.ofNullable(newest).map(date -> new SyncCursor("",
                GENERALIZED_SECONDS.format(date.toInstant().minus(runDuration).minusSeconds(2))));
    }

    /**
     * Which groups each group is nested in. A configured 2FA group that does not exist fails the run: read
     * as "no members", it would deactivate everyone.
     */
    GroupNesting nesting(List<String> twoFactorGroups) throws LDAPException {
        for (String group : twoFactorGroups) {
            if (ldap.getEntry(group, "1.1") == null) {
                throw new LDAPException(ResultCode.NO_SUCH_OBJECT, "The 2FA group " + group + " does not exist");
            }
        }
        Map<String, Set<String>> parents = new HashMap<>();
        paged(namingContext(), GROUPS, withModified("memberOf"), page -> page.forEach(group -> {
            String[] memberOf = group.getAttributeValues("memberOf");
            if (memberOf != null) {
                parents.put(GroupDn.normalize(group.getDN()),
                        Set.copyOf(Stream.of(memberOf).map(GroupDn::normalize).toList()));
            }
        }));
        return new GroupNesting(parents);
    }

    /** Every entry the user filter matches, a page at a time, as users or as errors. */
    void users(Consumer<List<DirectoryEntries.Result>> pages) throws LDAPException {
        usersMatching(null, pages);
    }

    /** The users changed after the cursor (up to {@code until}, for Active Directory). */
    void changedUsers(SyncCursor since, Optional<SyncCursor> until, Consumer<List<DirectoryEntries.Result>> pages)
            throws LDAPException {
        usersMatching(changedSince(since, until), pages);
    }

    /** The groups changed after the cursor (normalised DNs): their members may have changed. */
    Set<String> changedGroups(SyncCursor since, Optional<SyncCursor> until) throws LDAPException {
        Set<String> changed = new HashSet<>();
        paged(namingContext(), Filter.createANDFilter(GROUPS, changedSince(since, until)),
                withModified("1.1"), page -> page.forEach(group -> changed.add(GroupDn.normalize(group.getDN()))));
        return changed;
    }

    /**
     * The direct members of a group (normalised DNs), users and groups alike. Active Directory hands out a
     * member list longer than its MaxValRange (1500) in ranges ("member;range=0-1499"), read one after the
     * other. Holds the DNs only, never the members' entries.
     */
    Set<String> membersOf(String group) throws LDAPException {
        Set<String> members = new HashSet<>();
        for (String attribute : new String[] {"member", "uniqueMember"}) {
            String requested = attribute;
            while (requested != null) {
                SearchResultEntry entry = ldap.getEntry(group, requested);
                if (entry == null) {
                    return members;
                }
                requested = null;
                for (Attribute values : entry.getAttributes()) {
                    if (values.getBaseName().equalsIgnoreCase(attribute)) {
                        Stream.of(values.getValues()).map(GroupDn::normalize).forEach(members::add);
                        requested = nextRange(attribute, values.getName());
                    }
                }
            }
        }
        return members;
    }

    /** After "member;range=0-1499" comes "member;range=1500-*"; after "member;range=1500-*" (the last) nothing. */
    static String nextRange(String attribute, String returned) {
        int range = returned.toLowerCase(Locale.ROOT).indexOf(";range=");
        if (range < 0) {
            return null;
        }
        String[] bounds = returned.substring(range + ";range=".length()).split("-");
        return bounds.length < 2 || bounds[1].equals("*") ? null
                : attribute + ";range=" + (Long.parseLong(bounds[1]) + 1) + "-*";
    }

    /** The users among these DNs: each read on its own, and taken only when it matches the user filter. */
    void usersByDns(Collection<String> dns, Consumer<List<DirectoryEntries.Result>> pages) throws LDAPException {
        Filter users = Filter.create(connection.userFilter());
        List<SearchResultEntry> page = new ArrayList<>();
        for (String dn : dns) {
            try {
                page.addAll(ldap.search(dn, SearchScope.BASE, users, withModified(entries.attributes())).getSearchEntries());
            } catch (LDAPSearchException gone) {
                if (gone.getResultCode() != ResultCode.NO_SUCH_OBJECT) {
                    throw gone;
                }
            }
            if (page.size() == PAGE_SIZE) {
                pages.accept(page.stream().map(entries::read).toList());
                page.clear();
            }
        }
        if (!page.isEmpty()) {
            pages.accept(page.stream().map(entries::read).toList());
        }
    }

    /** The users with these keys that are still under the base DN and match the filter. */
    void usersByKeys(Collection<String> keys, Consumer<List<DirectoryEntries.Result>> pages) throws LDAPException {
        for (List<String> chunk : chunks(keys, CHUNK)) {
            usersMatching(Filter.createORFilter(chunk.stream().map(entries::keyFilter).toList()), pages);
        }
    }

    /**
     * Active Directory: the keys of all user objects changed after the cursor anywhere in the domain,
     * deleted ones included (their tombstones keep objectGUID) — a key among them that the run did not meet
     * as a user under the base DN was deleted, moved away or stopped matching the filter. Generic LDAP keeps
     * no tombstones: nothing.
     */
    void changedKeys(SyncCursor since, Optional<SyncCursor> until, Consumer<String> keys) throws LDAPException {
        if (!activeDirectory) {
            return;
        }
        Filter changedUsers = Filter.createANDFilter(Filter.createEqualityFilter("objectClass", "user"),
                changedSince(since, until));
        paged(namingContext(), changedUsers, new String[] {DirectoryEntries.AD_KEY}, page -> page.forEach(entry ->
                entries.keyOf(entry).ifPresent(keys)), new Control(SHOW_DELETED_OID, false));
    }

    /**
     * Where groups (and, in Active Directory, tombstones) are looked for: the whole naming context the base
     * DN is in, since groups are seldom kept beside the users.
     */
    private String namingContext() throws LDAPException {
        if (namingContext == null) {
            SearchResultEntry root = ldap.getEntry("", "defaultNamingContext", "namingContexts");
            String[] contexts = root == null ? null : root.getAttributeValues("namingContexts");
            String base = connection.baseDn();
            namingContext = Optional.ofNullable(root == null ? null : root.getAttributeValue("defaultNamingContext"))
                    .filter(context -> isWithin(base, context))
                    .or(() -> contexts == null ? Optional.empty()
                            : Stream.of(contexts).filter(context -> isWithin(base, context)).findFirst())
                    .orElse(base);
        }
        return namingContext;
    }

    private static boolean isWithin(String dn, String context) {
        try {
            return new DN(dn).isDescendantOf(new DN(context), true);
        } catch (LDAPException notADn) {
            return false;
        }
    }

    private void usersMatching(Filter also, Consumer<List<DirectoryEntries.Result>> pages) throws LDAPException {
        Filter users = Filter.create(connection.userFilter());
        paged(connection.baseDn(), also == null ? users : Filter.createANDFilter(users, also), withModified(entries.attributes()),
                page -> pages.accept(page.stream().map(entries::read).toList()));
    }

    private Filter changedSince(SyncCursor since, Optional<SyncCursor> until) {
        if (activeDirectory) {
            return Filter.createANDFilter(Filter.createGreaterOrEqualFilter("uSNChanged", Long.toString(since.usn() + 1)),
                    Filter.createLessOrEqualFilter("uSNChanged", until.orElseThrow().mark()));
        }
        return Filter.createGreaterOrEqualFilter(MODIFIED, since.mark());
    }

    private String[] withModified(String... attributes) {
        return activeDirectory ? attributes : Stream.concat(Stream.of(attributes), Stream.of(MODIFIED)).distinct()
                .toArray(String[]::new);
    }

    private void paged(String base, Filter filter, String[] attributes, Consumer<List<SearchResultEntry>> pages,
                       Control... controls) throws LDAPException {
        ASN1OctetString cookie = null;
        do {
            SearchRequest request = new SearchRequest(base, SearchScope.SUB, filter, attributes);
            request.setControls(Stream.concat(Stream.of(controls), Stream.of(new SimplePagedResultsControl(PAGE_SIZE, cookie)))
                    .toArray(Control[]::new));
            SearchResult result = ldap.search(request);
            if (!activeDirectory) {
                result.getSearchEntries().forEach(this::noteModified);
            }
            pages.accept(result.getSearchEntries());
            SimplePagedResultsControl response = SimplePagedResultsControl.get(result);
            cookie = response == null ? null : response.getCookie();
        } while (cookie != null && cookie.getValueLength() > 0);
    }

    private void noteModified(SearchResultEntry entry) {
        String modified = entry.getAttributeValue(MODIFIED);
        if (modified != null) {
            try {
                Date date = StaticUtils.decodeGeneralizedTime(modified);
                if (newest == null || date.after(newest)) {
                    newest = date;
                }
            } catch (ParseException notATime) {
                // a server writing nonsense there gets no incremental cursor from this entry
            }
        }
    }

    /** The values in lists of at most {@code size}, for IN lists and OR filters of bounded length. */
    static <T> List<List<T>> chunks(Collection<T> values, int size) {
        List<List<T>> chunks = new ArrayList<>();
        List<T> chunk = new ArrayList<>();
        for (T value : values) {
            chunk.add(value);
            if (chunk.size() == size) {
                chunks.add(chunk);
                chunk = new ArrayList<>();
            }
        }
        if (!chunk.isEmpty()) {
            chunks.add(chunk);
        }
        return chunks;
    }
}
