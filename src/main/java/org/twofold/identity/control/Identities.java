package org.twofold.identity.control;

import java.time.Clock;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import org.twofold.audit.control.AuditTrail;
import org.twofold.audit.entity.Actor;
import org.twofold.audit.entity.Outcome;
import org.twofold.identity.entity.Identity;
import org.twofold.identity.entity.IdentityStatus;
import org.twofold.platform.control.Refusal;

/** Creating, finding and switching identities on and off. */
@ApplicationScoped
public class Identities {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

    @PersistenceContext
    EntityManager em;

    @Inject
    ActivationCodes activationCodes;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    public NewIdentity create(String user, String email, String displayName, List<String> postalAddress, Actor actor) {
        if (email != null && !EMAIL.matcher(email).matches()) {
            throw Refusal.invalidRequest("Member 'email' is not an email address");
        }
        String canonical = Identity.canonicalUser(user);
        if (find(canonical).isPresent()) {
            throw new Refusal(Refusal.Kind.CONFLICT, "identity-exists", "An identity with this user name exists");
        }
        Identity identity = new Identity(canonical, email, displayName, postalAddress, clock.instant());
        em.persist(identity);
        // No JPA relationship tells EclipseLink to insert the identity before the code that references it.
        em.flush();
        IssuedActivationCode code = activationCodes.issue(identity.id(), actor.name());
        audit.record(actor, "identity.create", target(identity), Outcome.SUCCESS, null);
        return new NewIdentity(identity, code);
    }

    public IssuedActivationCode issueActivationCode(String user, Actor actor) {
        Identity identity = require(user);
        IssuedActivationCode code = activationCodes.issue(identity.id(), actor.name());
        audit.record(actor, "activation-code.issue", target(identity), Outcome.SUCCESS, null);
        return code;
    }

    public Optional<Identity> find(String user) {
        String canonical;
        try {
            canonical = Identity.canonicalUser(user);
        } catch (Refusal notAUserName) {
            return Optional.empty();
        }
        return em.createQuery("SELECT i FROM Identity i WHERE i.user = :user", Identity.class)
                .setParameter("user", canonical)
                .getResultStream().findFirst();
    }

    public Identity require(String user) {
        return find(user).orElseThrow(Identities::unknownUser);
    }

    /** Many identities in one query, by id (for batches such as a print run of letters). */
    public Map<String, Identity> byIds(Collection<String> identityIds) {
        if (identityIds.isEmpty()) {
            return Map.of();
        }
        return em.createQuery("SELECT i FROM Identity i WHERE i.id IN :ids", Identity.class)
                .setParameter("ids", List.copyOf(new HashSet<>(identityIds)))
                .getResultStream().collect(Collectors.toMap(Identity::id, i -> i));
    }

    public Identity byId(String identityId) {
        return Optional.ofNullable(em.find(Identity.class, identityId)).orElseThrow(Identities::unknownUser);
    }

    public Identity changeStatus(String user, IdentityStatus status, Actor actor) {
        Identity identity = require(user);
        em.lock(identity, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
        if (status == IdentityStatus.ACTIVE) {
            if (identity.directoryDisabled() || identity.directoryDeleted()) {
                throw new Refusal(Refusal.Kind.CONFLICT, "directory-disabled", "The directory disables or no longer has"
                        + " this account; enable it there and the next sync brings the identity back");
            }
            identity.reactivate();
        } else {
            identity.deactivate();
        }
        audit.record(actor, status == IdentityStatus.ACTIVE ? "identity.reactivate" : "identity.deactivate",
                target(identity), Outcome.SUCCESS, null);
        return identity;
    }

    /** The directory groups the identity belongs to (normalised DNs, see {@code GroupDn}), as the last sync saw them. */
    public Set<String> groupsOf(String identityId) {
        List<?> groups = em.createNativeQuery("SELECT group_dn FROM identity_group WHERE identity_id = ?")
                .setParameter(1, identityId)
                .getResultList();
        return groups.stream().map(String.class::cast).collect(Collectors.toUnmodifiableSet());
    }

    /** Restore activation is on while the identity has a restore code. */
    public void restoreActive(String identityId, boolean active) {
        em.createQuery("UPDATE Identity i SET i.restoreActive = :active, i.version = i.version + 1 WHERE i.id = :id")
                .setParameter("active", active)
                .setParameter("id", identityId)
                .executeUpdate();
    }

    /**
     * A completed restore brings a deactivated identity back: the user proved both factors again. Not one the
     * directory disabled or removed — only the directory gives that back.
     */
    public boolean reactivateAfterRestore(String identityId) {
        Identity identity = em.find(Identity.class, identityId, LockModeType.PESSIMISTIC_WRITE);
        if (identity.status() != IdentityStatus.DEACTIVATED || identity.directoryDisabled() || identity.directoryDeleted()) {
            return false;
        }
        identity.reactivate();
        return true;
    }

    /** Counted in the database, so concurrent approvals never lose a count. */
    public void countSuccessfulLogin(String identityId) {
        em.createQuery("UPDATE Identity i SET i.successfulLogins = i.successfulLogins + 1 WHERE i.id = :id")
                .setParameter("id", identityId)
                .executeUpdate();
    }

    /** Refuses a login (or enrollment) for an identity that is not active; the code tells why. */
    public static void requireActive(Identity identity) {
        switch (identity.status()) {
            case ACTIVE -> { }
            case DEACTIVATED -> throw new Refusal(Refusal.Kind.FORBIDDEN, "identity-deactivated", "This identity is deactivated");
            case LOCKED -> throw new Refusal(Refusal.Kind.FORBIDDEN, "identity-locked", "This identity is locked");
        }
    }

    public static String target(Identity identity) {
        return "identity:" + identity.user();
    }

    static Refusal unknownUser() {
        return new Refusal(Refusal.Kind.NOT_FOUND, "unknown-user", "No identity with this user name");
    }
}
