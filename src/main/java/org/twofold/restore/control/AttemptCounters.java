package org.twofold.restore.control;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import org.twofold.restore.entity.AttemptCounter;
import org.twofold.restore.entity.FailureLimits;

/** The counter rows behind {@link AttemptGuard}, each change in a transaction of its own. */
@ApplicationScoped
public class AttemptCounters {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    /** Creates the subject's row if it is missing; fails when another request created it at the same moment. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void create(String subject) {
        if (em.find(AttemptCounter.class, subject) == null) {
            em.persist(new AttemptCounter(subject));
            em.flush();
        }
    }

    /** Admits the attempt for every subject, or for none. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean admit(List<String> subjects, FailureLimits limits) {
        Instant now = clock.instant();
        List<AttemptCounter> counters = locked(subjects);
        if (counters.stream().allMatch(counter -> counter.admit(now, limits))) {
            return true;
        }
        throw new NotAdmitted();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void update(List<String> subjects, Consumer<AttemptCounter> outcome) {
        locked(subjects).forEach(outcome);
    }

    /** Opens the lock of {@code subject} and of every subject starting with {@code prefix}. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void unlockAll(String subject, String prefix) {
        em.createQuery("SELECT c FROM AttemptCounter c WHERE c.subject = :subject OR c.subject LIKE :prefix ESCAPE '!'",
                        AttemptCounter.class)
                .setParameter("subject", subject)
                .setParameter("prefix", prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%")
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList().forEach(AttemptCounter::unlock);
    }

    public boolean isLocked(String subject) {
        AttemptCounter counter = em.find(AttemptCounter.class, subject);
        return counter != null && counter.isLocked(clock.instant());
    }

    /** Row locks in a fixed (sorted) order, so two requests over the same subjects never deadlock. */
    private List<AttemptCounter> locked(List<String> subjects) {
        return subjects.stream().sorted().distinct()
                .map(subject -> em.find(AttemptCounter.class, subject, LockModeType.PESSIMISTIC_WRITE))
                .toList();
    }

    /** Thrown to roll back the places that were taken before a later subject refused the attempt. */
    public static final class NotAdmitted extends RuntimeException {
        NotAdmitted() {
            super(null, null, false, false);
        }
    }
}
