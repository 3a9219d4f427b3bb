package org.twofold.directory.control;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;

import org.twofold.identity.entity.GroupDn;

/**
 * The group memberships the sync keeps per identity (identity_group, for group policies), written for a
 * whole page at once: one query reads the page's current rows, and only the differences are deleted and
 * inserted, each as one JDBC batch — an unchanged directory writes nothing.
 */
@ApplicationScoped
public class GroupMemberships {

    static final int GROUP_DN_LENGTH = 500;

    @PersistenceContext
    EntityManager em;

    /** Within the caller's transaction, after the page's identities are flushed. */
    void replace(Map<String, Set<String>> groupsByIdentity) {
        if (groupsByIdentity.isEmpty()) {
            return;
        }
        Connection jdbc = em.unwrap(Connection.class);
        Map<String, Set<String>> current = current(jdbc, groupsByIdentity.keySet());
        List<String[]> removed = new ArrayList<>();
        List<String[]> added = new ArrayList<>();
        groupsByIdentity.forEach((identity, wanted) -> {
            Set<String> had = current.getOrDefault(identity, Set.of());
            had.stream().filter(group -> !wanted.contains(group)).forEach(group -> removed.add(new String[] {identity, group}));
            wanted.stream().filter(group -> group.length() <= GROUP_DN_LENGTH && !had.contains(group))
                    .forEach(group -> added.add(new String[] {identity, group}));
        });
        batch(jdbc, "DELETE FROM identity_group WHERE identity_id = ? AND group_dn = ?", removed);
        batch(jdbc, "INSERT INTO identity_group (identity_id, group_dn) VALUES (?, ?)", added);
    }

    /**
     * This connection's identities that were direct members of the group at the last sync, by normalised DN
     * (their key as value): members of the group that are not members of a group nested in it (memberships
     * are kept resolved through nesting).
     */
    Map<String, String> directMembers(String connectionId, String group, Set<String> nestedGroups) {
        List<String> nested = List.copyOf(nestedGroups);
        // driven by the group's index; the connection is checked here, as a condition on it would make H2
        // scan all of the connection's identities instead
        var query = em.createNativeQuery("SELECT i.directory_dn, i.directory_key, i.directory_connection_id"
                + " FROM identity_group g JOIN identity i ON i.id = g.identity_id WHERE g.group_dn = ?"
                + (nested.isEmpty() ? "" : " AND NOT EXISTS (SELECT 1 FROM identity_group n WHERE n.identity_id = g.identity_id"
                        + " AND n.group_dn IN (" + placeholders(nested.size()) + "))"));
        query.setParameter(1, group);
        for (int i = 0; i < nested.size(); i++) {
            query.setParameter(i + 2, nested.get(i));
        }
        Map<String, String> members = new HashMap<>();
        for (Object row : query.getResultList()) {
            Object[] columns = (Object[]) row;
            if (columns[0] != null && connectionId.equals(columns[2])) {
                members.put(GroupDn.normalize((String) columns[0]), (String) columns[1]);
            }
        }
        return members;
    }

    /** Plain JDBC: EclipseLink binds a native query's positional parameters in time quadratic in their number. */
    private static Map<String, Set<String>> current(Connection jdbc, Set<String> identityIds) {
        Map<String, Set<String>> current = new HashMap<>();
        try (PreparedStatement select = jdbc.prepareStatement("SELECT identity_id, group_dn FROM identity_group"
                + " WHERE identity_id IN (" + placeholders(identityIds.size()) + ")")) {
            int position = 1;
            for (String id : identityIds) {
                select.setString(position++, id);
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    current.computeIfAbsent(rows.getString(1), id -> new HashSet<>()).add(rows.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new PersistenceException("Cannot read group memberships", e);
        }
        return current;
    }

    private static String placeholders(int count) {
        return String.join(",", Collections.nCopies(count, "?"));
    }

    private static void batch(Connection jdbc, String sql, List<String[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = jdbc.prepareStatement(sql)) {
            for (String[] row : rows) {
                statement.setString(1, row[0]);
                statement.setString(2, row[1]);
                statement.addBatch();
            }
            statement.executeBatch();
        } catch (SQLException e) {
            throw new PersistenceException("Cannot write group memberships", e);
        }
    }
}
