package org.twofold.identity.control;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import org.twofold.dashboard.control.CountLimit;
import org.twofold.device.entity.DeviceState;
import org.twofold.identity.entity.IdentityStatus;

/**
 * One page of identities for the dashboard, filtered, sorted and paged in the database. Every filter (a
 * name prefix, a status) reads a range of an index and every order has one; counting stops at
 * the {@link CountLimit}; so a page costs about the same over a million identities as over a thousand. The
 * page's device counts come in one grouped query, not one per row.
 */
@ApplicationScoped
public class IdentitySearch {

    @PersistenceContext
    EntityManager em;

    @Inject
    CountLimit limit;

    /** Blank or null members do not filter. */
    public record Filter(String userPrefix, String namePrefix, IdentityStatus status) {

        String where() {
            StringBuilder where = new StringBuilder(" WHERE 1 = 1");
            // the range lets every database read the prefix from the index; LIKE keeps the match exact
            if (byUser()) {
                where.append(" AND i.user >= :userFrom AND i.user < :userTo AND i.user LIKE :user ESCAPE '!'");
            }
            if (byName()) {
                where.append(" AND i.displayNameKey >= :nameFrom AND i.displayNameKey < :nameTo"
                        + " AND i.displayNameKey LIKE :name ESCAPE '!'");
            }
            if (status != null) {
                where.append(" AND i.status = :status");
            }
            return where.toString();
        }

        <T> TypedQuery<T> bind(TypedQuery<T> query) {
            if (present(userPrefix)) {
                query.setParameter("user", like(userPrefix)).setParameter("userFrom", lower(userPrefix))
                        .setParameter("userTo", successor(lower(userPrefix)));
            }
            if (present(namePrefix)) {
                query.setParameter("name", like(namePrefix)).setParameter("nameFrom", lower(namePrefix))
                        .setParameter("nameTo", successor(lower(namePrefix)));
            }
            if (status != null) {
                query.setParameter("status", status);
            }
            return query;
        }

        public boolean byUser() {
            return present(userPrefix);
        }

        public boolean byName() {
            return present(namePrefix);
        }

        private static boolean present(String text) {
            return text != null && !text.isBlank();
        }

        static String like(String prefix) {
            return lower(prefix).replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        }

        private static String lower(String prefix) {
            return prefix.strip().toLowerCase(Locale.ROOT);
        }

        /** The least string after every string that starts with {@code prefix}. */
        static String successor(String prefix) {
            char last = prefix.charAt(prefix.length() - 1);
            return prefix.substring(0, prefix.length() - 1) + (char) (last + 1);
        }
    }

    public enum Order {
        USER("i.user"), NAME("i.displayNameKey"), CREATED("i.createdAt");

        private final String path;

        Order(String path) {
            this.path = path;
        }
    }

    public record Row(String id, String user, String displayName, String email, IdentityStatus status,
                      boolean restoreActive, boolean fromDirectory, Instant createdAt, long activeDevices) {
    }

    /**
     * A search shows at most the {@link CountLimit}'s number of identities, in whichever order: a helpdesk finds
     * a person by typing more of the name, not by paging through a million. Reversing the order shows the other
     * end. {@code first} past the last page a search shows answers that last page.
     */
    public List<Row> page(Filter filter, Order order, boolean descending, int first, int size) {
        String direction = descending ? " DESC" : " ASC";
        String orderBy = order == Order.USER ? order.path + direction : order.path + direction + ", i.user" + direction;
        if (filter.status() != null && order != Order.CREATED) {
            // the status is the same in every row, but only so does H2 see that its (status, …) index gives the order
            orderBy = "i.status" + direction + ", " + orderBy;
        }
        List<Object[]> rows = filter.bind(em.createQuery("SELECT i.id, i.user, i.displayName, i.email, i.status,"
                        + " i.restoreActive, i.directoryConnectionId, i.createdAt FROM Identity i" + filter.where()
                        + " ORDER BY " + orderBy, Object[].class))
                .setFirstResult(Math.max(0, Math.min(first, limit.value() - size)))
                .setMaxResults(size)
                .getResultList();
        Map<String, Long> devices = activeDevices(rows.stream().map(row -> (String) row[0]).toList());
        return rows.stream().map(row -> new Row((String) row[0], (String) row[1], (String) row[2], (String) row[3],
                (IdentityStatus) row[4], (Boolean) row[5], row[6] != null, (Instant) row[7],
                devices.getOrDefault((String) row[0], 0L))).toList();
    }

    /**
     * How many identities match, counted up to one more than the {@link CountLimit}. It reads the column of the
     * index the filter uses, which the index itself holds: reading the id instead cost H2 a row lookup per match.
     */
    public long count(Filter filter) {
        String column = filter.byName() && !filter.byUser() ? "i.displayNameKey" : "i.user";
        return filter.bind(em.createQuery("SELECT " + column + " FROM Identity i" + filter.where(), String.class))
                .setMaxResults(limit.value() + 1).getResultList().size();
    }

    /**
     * Id and name of each identity whose name starts with the prefix, in name order, at most {@code limit}:
     * a range of the user-name index, for lists of other things (devices) filtered by user name.
     */
    public Map<String, String> usersStartingWith(String prefix, int limit) {
        Filter filter = new Filter(prefix, null, null);
        return filter.bind(em.createQuery("SELECT i.id, i.user FROM Identity i" + filter.where() + " ORDER BY i.user",
                        Object[].class))
                .setMaxResults(limit)
                .getResultStream()
                .collect(Collectors.toMap(row -> (String) row[0], row -> (String) row[1], (a, b) -> a, LinkedHashMap::new));
    }

    private Map<String, Long> activeDevices(List<String> identityIds) {
        if (identityIds.isEmpty()) {
            return Map.of();
        }
        return em.createQuery("SELECT d.identityId, COUNT(d) FROM Device d WHERE d.identityId IN :ids"
                        + " AND d.state = :active GROUP BY d.identityId", Object[].class)
                .setParameter("ids", identityIds)
                .setParameter("active", DeviceState.ACTIVE)
                .getResultStream()
                .collect(Collectors.toMap(row -> (String) row[0], row -> (Long) row[1], Long::sum, HashMap::new));
    }
}
