package org.twofold.identity.control;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;

import org.twofold.device.entity.DeviceState;
import org.twofold.identity.entity.IdentityStatus;

/**
 * One page of identities for the dashboard, filtered, sorted and paged in the database. Every filter is a
 * prefix on an indexed column and every order has an index, so a page costs the same over a million
 * identities as over a thousand; the page's device counts come in one grouped query, not one per row.
 */
@ApplicationScoped
public class IdentitySearch {

    @PersistenceContext
    EntityManager em;

    /** Blank or null members do not filter. */
    public record Filter(String userPrefix, String namePrefix, IdentityStatus status) {

        String where() {
            StringBuilder where = new StringBuilder(" WHERE 1 = 1");
            if (present(userPrefix)) {
                where.append(" AND i.user LIKE :user ESCAPE '!'");
            }
            if (present(namePrefix)) {
                where.append(" AND i.displayNameKey LIKE :name ESCAPE '!'");
            }
            if (status != null) {
                where.append(" AND i.status = :status");
            }
            return where.toString();
        }

        <T> TypedQuery<T> bind(TypedQuery<T> query) {
            if (present(userPrefix)) {
                query.setParameter("user", like(userPrefix));
            }
            if (present(namePrefix)) {
                query.setParameter("name", like(namePrefix));
            }
            if (status != null) {
                query.setParameter("status", status);
            }
            return query;
        }

        private static boolean present(String text) {
            return text != null && !text.isBlank();
        }

        private static String like(String prefix) {
            String escaped = prefix.strip().toLowerCase(Locale.ROOT)
                    .replace("!", "!!").replace("%", "!%").replace("_", "!_");
            return escaped + "%";
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

    public List<Row> page(Filter filter, Order order, boolean descending, int first, int size) {
        String direction = descending ? " DESC" : " ASC";
        String orderBy = order == Order.USER ? order.path + direction : order.path + direction + ", i.user" + direction;
        List<Object[]> rows = filter.bind(em.createQuery("SELECT i.id, i.user, i.displayName, i.email, i.status,"
                        + " i.restoreActive, i.directoryConnectionId, i.createdAt FROM Identity i" + filter.where()
                        + " ORDER BY " + orderBy, Object[].class))
                .setFirstResult(first).setMaxResults(size).getResultList();
        Map<String, Long> devices = activeDevices(rows.stream().map(row -> (String) row[0]).toList());
        return rows.stream().map(row -> new Row((String) row[0], (String) row[1], (String) row[2], (String) row[3],
                (IdentityStatus) row[4], (Boolean) row[5], row[6] != null, (Instant) row[7],
                devices.getOrDefault((String) row[0], 0L))).toList();
    }

    public long count(Filter filter) {
        return filter.bind(em.createQuery("SELECT COUNT(i) FROM Identity i" + filter.where(), Long.class))
                .getSingleResult();
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
