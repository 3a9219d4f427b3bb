package org.twofold.device.control;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import org.twofold.dashboard.control.CountLimit;
import org.twofold.device.entity.BoundVia;
import org.twofold.device.entity.DeviceState;
import org.twofold.identity.control.Identities;
import org.twofold.identity.control.IdentitySearch;
import org.twofold.identity.entity.Identity;

/**
 * One page of all devices for the dashboard, filtered by state and user name, sorted and paged in the
 * database over millions of devices. The device table drives every query, ordered by an index of its own
 * (last seen or bound, after the state when it filters), and the page's user names come in one query
 * afterwards. A join with identities is avoided on purpose: H2 picks a join's order without regard to the
 * ORDER BY, and sorted all two million devices for a first page.
 */
@ApplicationScoped
public class DeviceSearch {

    /** A user-name prefix matching more identities than this is too broad to list devices by. */
    public static final int USER_LIMIT = 200;

    @PersistenceContext
    EntityManager em;

    @Inject
    IdentitySearch identitySearch;

    @Inject
    CountLimit limit;

    @Inject
    Identities identities;

    /** Blank or null members do not filter. */
    public record Filter(DeviceState state, String userPrefix) {

        boolean byUser() {
            return userPrefix != null && !userPrefix.isBlank();
        }
    }

    public enum Order {
        LAST_SEEN("d.lastSeenAt"), BOUND("d.createdAt");

        private final String path;

        Order(String path) {
            this.path = path;
        }
    }

    /**
     * The devices a filter selects: of one state or all, and of the identities a user-name prefix matches
     * (id to name) or of everybody ({@code users} null). {@code tooManyUsers}: the prefix matched more than
     * {@value #USER_LIMIT} identities, and nothing is listed.
     */
    public record Selection(DeviceState state, Map<String, String> users, boolean tooManyUsers) {

        String where() {
            StringBuilder where = new StringBuilder(" WHERE 1 = 1");
            if (users != null) {
                where.append(" AND d.identityId IN :identities");
            }
            if (state != null) {
                where.append(" AND d.state = :state");
            }
            return where.toString();
        }

        <T> TypedQuery<T> bind(TypedQuery<T> query) {
            if (users != null) {
                query.setParameter("identities", List.copyOf(users.keySet()));
            }
            if (state != null) {
                query.setParameter("state", state);
            }
            return query;
        }

        boolean empty() {
            return tooManyUsers || users != null && users.isEmpty();
        }
    }

    public record Row(String id, String name, String platform, DeviceState state, BoundVia boundVia, String user,
                      Instant boundAt, Instant lastSeenAt) {
    }

    /** Resolves a user-name prefix to identities first: a range of the user-name index, at most 200 of them. */
    public Selection select(Filter filter) {
        if (!filter.byUser()) {
            return new Selection(filter.state(), null, false);
        }
        Map<String, String> users = identitySearch.usersStartingWith(filter.userPrefix(), USER_LIMIT + 1);
        return users.size() > USER_LIMIT ? new Selection(filter.state(), Map.of(), true)
                : new Selection(filter.state(), users, false);
    }

    public List<Row> page(Selection selection, Order order, boolean descending, int first, int size) {
        if (selection.empty()) {
            return List.of();
        }
        String direction = descending ? " DESC" : " ASC";
        // With one state, its index (state, order column, id) is read in order, and H2 sees that only when the
        // ORDER BY names the state too. For a few users' devices, their identity index finds them, and sorting
        // them is cheap: naming the state there would lead H2 to walk all devices of the state instead.
        String byState = selection.state() != null && selection.users() == null ? "d.state" + direction + ", " : "";
        List<Object[]> rows = selection.bind(em.createQuery("SELECT d.id, d.identityId, d.name, d.platform, d.state,"
                        + " d.boundVia, d.createdAt, d.lastSeenAt FROM Device d" + selection.where()
                        + " ORDER BY " + byState + order.path + direction + ", d.id" + direction, Object[].class))
                .setFirstResult(first).setMaxResults(size).getResultList();
        Map<String, String> users = selection.users() != null ? selection.users() : usersOf(rows);
        return rows.stream().map(row -> new Row((String) row[0], (String) row[2], (String) row[3], (DeviceState) row[4],
                (BoundVia) row[5], users.get((String) row[1]), (Instant) row[6], (Instant) row[7])).toList();
    }

    /** The number of devices selected, or the {@link CountLimit} + 1 for "more than" it. */
    public long count(Selection selection) {
        if (selection.empty()) {
            return 0;
        }
        boolean beyondLimit = !selection.bind(em.createQuery("SELECT d.id FROM Device d" + selection.where(), String.class))
                .setFirstResult(limit.value()).setMaxResults(1).getResultList().isEmpty();
        if (beyondLimit) {
            return limit.value() + 1L;
        }
        return selection.bind(em.createQuery("SELECT COUNT(d) FROM Device d" + selection.where(), Long.class))
                .getSingleResult();
    }

    private Map<String, String> usersOf(List<Object[]> rows) {
        return identities.byIds(rows.stream().map(row -> (String) row[1]).toList()).values().stream()
                .collect(Collectors.toMap(Identity::id, Identity::user));
    }
}
