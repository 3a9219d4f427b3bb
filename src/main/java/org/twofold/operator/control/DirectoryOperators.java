package org.twofold.operator.control;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.twofold.directory.control.ConnectionDocuments;
import org.twofold.directory.control.DirectoryConnections;
import org.twofold.directory.control.DirectoryMemberships;
import org.twofold.directory.control.DirectoryPasswords;
import org.twofold.directory.control.PasswordCheck;
import org.twofold.directory.entity.DirectoryConnection;
import org.twofold.operator.entity.Role;

/**
 * Operators who are members of directory groups that a connection maps to roles ({@code operatorGroups}):
 * they sign in to the dashboard with their directory password, and their roles are what their groups give
 * them right now. They have no operator account here; a local operator of the same name always wins.
 */
@ApplicationScoped
public class DirectoryOperators {

    @Inject
    DirectoryConnections connections;

    @Inject
    DirectoryPasswords passwords;

    @Inject
    DirectoryMemberships memberships;

    /** An operator from a directory: which connection vouched for them and the roles their groups give. */
    public record DirectoryOperator(String name, String connectionId, Set<Role> roles) {
    }

    /** The first connection that maps groups to roles and accepts the password decides. */
    public Optional<DirectoryOperator> signIn(String name, String password) {
        for (DirectoryConnection connection : connections.all()) {
            Map<String, Set<Role>> rolesByGroup = ConnectionDocuments.operatorRolesByGroup(connection);
            if (rolesByGroup.isEmpty() || passwords.check(connection, name, password) != PasswordCheck.ACCEPTED) {
                continue;
            }
            Set<Role> roles = memberships.groupsOf(connection, name).map(groups -> rolesOf(groups, rolesByGroup))
                    .orElse(Set.of());
            return roles.isEmpty() ? Optional.empty() : Optional.of(new DirectoryOperator(name, connection.id(), roles));
        }
        return Optional.empty();
    }

    /**
     * The roles the operator's groups give now; absent while the directory does not answer (the caller keeps
     * the roles it has), empty when the account left every mapped group or the connection is gone.
     */
    public Optional<Set<Role>> currentRoles(String connectionId, String name) {
        Optional<DirectoryConnection> connection = connections.all().stream()
                .filter(candidate -> candidate.id().equals(connectionId)).findFirst();
        if (connection.isEmpty()) {
            return Optional.of(Set.of());
        }
        Map<String, Set<Role>> rolesByGroup = ConnectionDocuments.operatorRolesByGroup(connection.get());
        return memberships.groupsOf(connection.get(), name).map(groups -> rolesOf(groups, rolesByGroup));
    }

    private static Set<Role> rolesOf(Set<String> groups, Map<String, Set<Role>> rolesByGroup) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        groups.forEach(group -> roles.addAll(rolesByGroup.getOrDefault(group, Set.of())));
        return roles;
    }
}
