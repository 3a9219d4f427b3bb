package org.twofold.policy.control;

import java.io.StringReader;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import org.twofold.audit.control.AuditTrail;
import org.twofold.audit.entity.Actor;
import org.twofold.audit.entity.Outcome;
import org.twofold.platform.control.Refusal;
import org.twofold.policy.entity.PolicyRecord;
import org.twofold.policy.entity.PolicyVersion;
import org.twofold.policy.entity.RestorePolicy;

/**
 * Saving, deleting and rolling back restore policies. Every change is a new version (the old ones stay),
 * carries who made it and what changed, and is audited; a rollback saves an old version's settings again.
 */
@ApplicationScoped
public class RestorePolicies {

    @PersistenceContext
    EntityManager em;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    /** The outcome of a save: the policy as stored now, whether it is new, and what its author should know. */
    public record Saved(StoredPolicy stored, boolean created, List<String> warnings) {
    }

    /** The live (not deleted) policies, highest priority first. */
    public List<StoredPolicy> live() {
        return em.createQuery("SELECT v FROM PolicyVersion v, PolicyRecord p WHERE p.name = v.name"
                        + " AND p.currentVersion = v.version AND p.deleted = FALSE", PolicyVersion.class)
                .getResultStream()
                .map(RestorePolicies::stored)
                .sorted((a, b) -> Integer.compare(b.policy().priority(), a.policy().priority()))
                .toList();
    }

    public StoredPolicy get(String name) {
        return Optional.ofNullable(em.find(PolicyRecord.class, PolicyDocuments.requireValidName(name)))
                .filter(record -> !record.deleted())
                .map(record -> stored(version(name, record.currentVersion())))
                .orElseThrow(RestorePolicies::unknownPolicy);
    }

    /** Every version of the policy, newest first (also of a deleted policy). */
    public List<StoredPolicy> versions(String name) {
        List<StoredPolicy> versions = em.createQuery("SELECT v FROM PolicyVersion v WHERE v.name = :name"
                        + " ORDER BY v.version DESC", PolicyVersion.class)
                .setParameter("name", PolicyDocuments.requireValidName(name))
                .getResultStream().map(RestorePolicies::stored).toList();
        if (versions.isEmpty()) {
            throw unknownPolicy();
        }
        return versions;
    }

    /**
     * Creates or replaces the policy. With {@code expectedVersion} the save happens only if nobody saved
     * another version meanwhile (what the dashboard sends, so two officers never overwrite each other).
     */
    public Saved save(String name, JsonObject body, Optional<Integer> expectedVersion, Actor actor) {
        return save(PolicyDocuments.read(name, body), expectedVersion, actor, null);
    }

    public StoredPolicy delete(String name, Actor actor) {
        if (RestorePolicy.DEFAULT.equals(name)) {
            throw new Refusal(Refusal.Kind.CONFLICT, "default-policy", "The default policy cannot be deleted; change it instead");
        }
        PolicyRecord record = lockedRecord(name).filter(r -> !r.deleted()).orElseThrow(RestorePolicies::unknownPolicy);
        PolicyVersion last = version(name, record.currentVersion());
        int version = record.advance(null, true);
        PolicyVersion deleted = new PolicyVersion(name, version, last.document(), true, "deleted", actor.name(), clock.instant());
        em.persist(deleted);
        audit.record(actor, "policy.delete", target(name), Outcome.SUCCESS, "version " + version);
        return stored(deleted);
    }

    /** Saves the settings of an old version again, as the newest version; brings a deleted policy back. */
    public Saved rollback(String name, int toVersion, Actor actor) {
        PolicyVersion old = Optional.ofNullable(em.find(PolicyVersion.class,
                        new PolicyVersion.Key(PolicyDocuments.requireValidName(name), toVersion)))
                .orElseThrow(() -> new Refusal(Refusal.Kind.NOT_FOUND, "unknown-policy-version", "No such version of this policy"));
        if (old.deleted()) {
            throw Refusal.invalidRequest("Version " + toVersion + " records a deletion; roll back to a version before it");
        }
        return save(PolicyDocuments.read(name, parse(old.document())), Optional.empty(), actor, toVersion);
    }

    private Saved save(RestorePolicy policy, Optional<Integer> expectedVersion, Actor actor, Integer rollbackTo) {
        String name = policy.name();
        Optional<PolicyRecord> existing = lockedRecord(name);
        int current = existing.filter(r -> !r.deleted()).map(PolicyRecord::currentVersion).orElse(0);
        expectedVersion.filter(expected -> expected != current).ifPresent(expected -> {
            throw new Refusal(Refusal.Kind.CONFLICT, "policy-changed",
                    "The policy was changed meanwhile (now version " + current + "); reload it and apply your change again",
                    Map.of("currentVersion", current));
        });
        requirePriorityFree(policy);
        JsonObject document = PolicyDocuments.write(policy).build();
        JsonObject before = existing.filter(r -> !r.deleted()).map(r -> parse(version(name, r.currentVersion()).document()))
                .orElse(JsonObject.EMPTY_JSON_OBJECT);
        if (document.equals(before)) {
            return new Saved(get(name), false, PolicyDocuments.warnings(policy));
        }
        PolicyRecord record = existing.orElseGet(() -> {
            PolicyRecord created = new PolicyRecord(name);
            em.persist(created);
            return created;
        });
        boolean created = current == 0;
        String note = (rollbackTo != null ? "rolled back to version " + rollbackTo + ": " : created ? "created: " : "")
                + PolicyChanges.between(before, document);
        int version = record.advance(policy.priority(), false);
        PolicyVersion saved = new PolicyVersion(name, version, document.toString(), false, note, actor.name(), clock.instant());
        em.persist(saved);
        audit.record(actor, rollbackTo != null ? "policy.rollback" : created ? "policy.create" : "policy.update",
                target(name), Outcome.SUCCESS, "version " + version + ": " + note);
        return new Saved(stored(saved), created, PolicyDocuments.warnings(policy));
    }

    /** Two live policies never share a priority, so resolution never depends on a tie-break nobody chose. */
    private void requirePriorityFree(RestorePolicy policy) {
        em.createQuery("SELECT p.name FROM PolicyRecord p WHERE p.priority = :priority AND p.name <> :name"
                        + " AND p.deleted = FALSE", String.class)
                .setParameter("priority", policy.priority())
                .setParameter("name", policy.name())
                .getResultStream().findFirst().ifPresent(holder -> {
                    throw new Refusal(Refusal.Kind.CONFLICT, "priority-taken",
                            "Policy '" + holder + "' already has priority " + policy.priority()
                                    + "; every policy needs a priority of its own", Map.of("policy", holder));
                });
    }

    private Optional<PolicyRecord> lockedRecord(String name) {
        return Optional.ofNullable(em.find(PolicyRecord.class, name, LockModeType.PESSIMISTIC_WRITE));
    }

    private PolicyVersion version(String name, int version) {
        return em.find(PolicyVersion.class, new PolicyVersion.Key(name, version));
    }

    private static StoredPolicy stored(PolicyVersion version) {
        RestorePolicy policy = PolicyDocuments.read(version.name(), parse(version.document()));
        return new StoredPolicy(policy, version.version(), version.deleted(), version.changedBy(), version.changedAt(),
                version.changeNote());
    }

    private static JsonObject parse(String document) {
        try (JsonReader reader = Json.createReader(new StringReader(document))) {
            return reader.readObject();
        }
    }

    static String target(String name) {
        return "policy:" + name;
    }

    static Refusal unknownPolicy() {
        return new Refusal(Refusal.Kind.NOT_FOUND, "unknown-policy", "No such restore policy");
    }
}
