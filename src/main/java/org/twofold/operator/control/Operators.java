package org.twofold.operator.control;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
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
        if (roles.isEmpty()) {
            throw Refusal.invalidRequest("An operator needs at least one role");
        }
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
        Operator operator = find(name).orElseThrow(
                () -> new Refusal(Refusal.Kind.NOT_FOUND, "unknown-operator", "No such operator"));
        if (operator.name().equals(requestedBy)) {
            throw new Refusal(Refusal.Kind.CONFLICT, "cannot-delete-self", "Operators cannot delete their own account");
        }
        if (operator.roles().contains(Role.ADMIN) && adminCount() <= 1) {
            throw new Refusal(Refusal.Kind.CONFLICT, "last-admin", "The last administrator cannot be deleted");
        }
        em.remove(operator);
    }

    public boolean any() {
        return em.createQuery("SELECT COUNT(o) FROM Operator o", Long.class).getSingleResult() > 0;
    }

    private long adminCount() {
        return all().stream().filter(o -> o.roles().contains(Role.ADMIN)).count();
    }
}
