package org.twofold.audit.control;

import java.time.Clock;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;

import org.twofold.audit.entity.Actor;
import org.twofold.audit.entity.AuditChain;
import org.twofold.audit.entity.AuditEntry;
import org.twofold.audit.entity.AuditHead;
import org.twofold.audit.entity.Outcome;

/**
 * The append-only, hash-chained audit trail. An entry is written in the transaction of the action it
 * records, so it exists exactly when the action took effect.
 */
@ApplicationScoped
public class AuditTrail {

    static final int VERIFY_PAGE = 1000;

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Event<Audited> audited;

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Actor actor, String action, String target, Outcome outcome, String detail) {
        AuditHead head = em.find(AuditHead.class, AuditHead.ID, LockModeType.PESSIMISTIC_WRITE);
        em.persist(head.append(clock.instant(), actor, action, target, outcome, detail));
        audited.fire(new Audited(action, outcome));
    }

    /**
     * Records a refused attempt in a transaction of its own: the refusal rolls the request's transaction
     * back, the record of it must stay.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordRefusal(Actor actor, String action, String target, String detail) {
        record(actor, action, target, Outcome.DENIED, detail);
    }

    /** Records in a transaction of its own, for work that must not hold a transaction (e.g. a network call). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordSeparately(Actor actor, String action, String target, Outcome outcome, String detail) {
        record(actor, action, target, outcome, detail);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void system(String action, String target, String detail) {
        record(Actor.SYSTEM, action, target, Outcome.SUCCESS, detail);
    }

    /** Newest first; every filter is optional. */
    public List<AuditEntry> search(AuditQuery query) {
        StringBuilder jpql = new StringBuilder("SELECT e FROM AuditEntry e WHERE e.seq < :before");
        if (query.target() != null) {
            jpql.append(" AND e.target = :target");
        }
        if (query.action() != null) {
            jpql.append(" AND e.action = :action");
        }
        if (query.actor() != null) {
            jpql.append(" AND e.actor = :actor");
        }
        jpql.append(" ORDER BY e.seq DESC");
        TypedQuery<AuditEntry> typed = em.createQuery(jpql.toString(), AuditEntry.class)
                .setParameter("before", query.beforeSeq())
                .setMaxResults(query.limit());
        if (query.target() != null) {
            typed.setParameter("target", query.target());
        }
        if (query.action() != null) {
            typed.setParameter("action", query.action());
        }
        if (query.actor() != null) {
            typed.setParameter("actor", query.actor());
        }
        return typed.getResultList();
    }

    /**
     * Walks the whole chain in pages: every entry must follow its predecessor without a gap, carry the
     * predecessor's hash and hash to its stored value; the head must point at the last entry.
     */
    public ChainVerification verify() {
        String expectedPrevious = AuditChain.GENESIS;
        long expectedSeq = 1;
        List<AuditEntry> page;
        do {
            page = em.createQuery("SELECT e FROM AuditEntry e WHERE e.seq >= :from ORDER BY e.seq", AuditEntry.class)
                    .setParameter("from", expectedSeq)
                    .setMaxResults(VERIFY_PAGE)
                    .getResultList();
            for (AuditEntry entry : page) {
                if (entry.seq() != expectedSeq || !AuditChain.isIntact(entry, expectedPrevious)) {
                    return ChainVerification.brokenAt(expectedSeq, expectedSeq - 1);
                }
                expectedPrevious = entry.hash();
                expectedSeq++;
            }
            em.clear();
        } while (page.size() == VERIFY_PAGE);
        AuditHead head = em.find(AuditHead.class, AuditHead.ID);
        if (head.lastSeq() != expectedSeq - 1 || !head.lastHash().equals(expectedPrevious)) {
            return ChainVerification.brokenAt(expectedSeq, expectedSeq - 1);
        }
        return ChainVerification.intact(expectedSeq - 1);
    }
}
