package org.twofold.operator.control;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import org.twofold.operator.entity.Operator;
import org.twofold.operator.entity.Role;
import org.twofold.platform.control.Refusal;

/** Operator accounts. */
@ApplicationScoped
public class Operators {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

    @PersistenceContext
    EntityManager em;

    @Inject
    OperatorPasswords passwords;

    @Inject
    Clock clock;

    public Operator create(String name, String password, Set<Role> roles) {
        if (!NAME.matcher(name).matches()) {
            throw Refusal.invalidRequest("An operator name has 1-64 letters, digits or . _ @ -");
        }
        requireSomeRole(roles);
        if (find(name).isPresent()) {
            throw new Refusal(Refusal.Kind.CONFLICT, "operator-exists", "An operator with this name exists");
        }
        Operator operator = new Operator(name, passwords.hash(password), roles, clock.instant());
        em.persist(operator);
        return operator;
    }

    public List<Operator> all() {
        return em.createQuery("SELECT o FROM Operator o ORDER BY o.name", Operator.class).getResultList();
    }

    public Optional<Operator> find(String name) {
        return em.createQuery("SELECT o FROM Operator o WHERE o.name = :name", Operator.class)
                .setParameter("name", name)
                .getResultStream().findFirst();
    }

    public void delete(String name, String requestedBy) {
        List<Operator> everyone = lockedAll();
        Operator operator = named(everyone, name);
        if (operator.name().equals(requestedBy)) {
            throw new Refusal(Refusal.Kind.CONFLICT, "cannot-delete-self", "Operators cannot delete their own account");
        }
        if (operator.roles().contains(Role.ADMIN)) {
            requireAnotherAdmin(everyone, "The last administrator cannot be deleted");
        }
        em.remove(operator);
    }

    /** The new roles count from the operator's next request on, in the dashboard as in the admin API. */
    public RolesChanged changeRoles(String name, Set<Role> roles, String requestedBy) {
        requireSomeRole(roles);
        List<Operator> everyone = lockedAll();
        Operator operator = named(everyone, name);
        if (operator.roles().contains(Role.ADMIN) && !roles.contains(Role.ADMIN)) {
            if (operator.name().equals(requestedBy)) {
                throw new Refusal(Refusal.Kind.CONFLICT, "cannot-demote-self",
                        "Operators cannot take the ADMIN role from themselves; another administrator can");
            }
            requireAnotherAdmin(everyone, "The last administrator cannot lose the ADMIN role");
        }
        Set<Role> before = operator.roles();
        operator.changeRoles(roles);
        return new RolesChanged(operator, before);
    }

    public record RolesChanged(Operator operator, Set<Role> before) {
    }

    /** Checked by the same rules as at creation; the operator's dashboard sessions end. */
    public Operator changePassword(String name, String password) {
        Operator operator = find(name).orElseThrow(Operators::unknown);
        operator.changePassword(passwords.hash(password), clock.instant());
        return operator;
    }

    public boolean any() {
        return em.createQuery("SELECT COUNT(o) FROM Operator o", Long.class).getSingleResult() > 0;
    }

    /**
     * Every operator row, locked: two administrators removing each other (or each other's ADMIN role) at the
     * same moment are taken one after the other, so the second sees that the first left one admin only.
     */
    private List<Operator> lockedAll() {
        return em.createQuery("SELECT o FROM Operator o ORDER BY o.name", Operator.class)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
    }

    private static Operator named(List<Operator> operators, String name) {
        return operators.stream().filter(o -> o.name().equals(name)).findFirst().orElseThrow(Operators::unknown);
    }

    private static void requireAnotherAdmin(List<Operator> operators, String refusal) {
        if (operators.stream().filter(o -> o.roles().contains(Role.ADMIN)).count() <= 1) {
            throw new Refusal(Refusal.Kind.CONFLICT, "last-admin", refusal);
        }
    }

    private static void requireSomeRole(Set<Role> roles) {
        if (roles.isEmpty()) {
            throw Refusal.invalidRequest("An operator needs at least one role");
        }
    }

    private static Refusal unknown() {
        return new Refusal(Refusal.Kind.NOT_FOUND, "unknown-operator", "No such operator");
    }
}
