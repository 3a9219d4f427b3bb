package org.twofold.operator.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import org.twofold.audit.control.AuditTrail;
import org.twofold.audit.entity.Actor;
import org.twofold.audit.entity.Outcome;
import org.twofold.operator.entity.Approval;
import org.twofold.operator.entity.ApprovalState;
import org.twofold.platform.control.Refusal;

/**
 * Four-eyes: an action asked for by one operator happens only when another approves it. The approval row
 * is locked while it is decided, so two approvers clicking at once carry the action out once.
 */
@ApplicationScoped
public class Approvals {

    static final Duration LIFETIME = Duration.ofHours(24);

    @PersistenceContext
    EntityManager em;

    @Inject
    @Any
    Instance<ApprovableAction> actions;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    public Approval request(String action, String identityId, String detail, String target, Actor requester) {
        Instant now = clock.instant();
        Approval approval = new Approval(action, identityId, detail, requester.name(), now, now.plus(LIFETIME));
        em.persist(approval);
        audit.record(requester, "approval.request", target, Outcome.SUCCESS,
                action + " (" + detail + "), approval " + approval.id());
        return approval;
    }

    /** Approves and carries the action out, as the approver; answers the action's result. */
    public Object approve(String approvalId, Actor approver) {
        Approval approval = Optional.ofNullable(em.find(Approval.class, approvalId, LockModeType.PESSIMISTIC_WRITE))
                .orElseThrow(() -> new Refusal(Refusal.Kind.NOT_FOUND, "unknown-approval", "No such approval"));
        if (!approval.isOpen(clock.instant())) {
            throw new Refusal(Refusal.Kind.CONFLICT, "approval-closed", approval.state() == ApprovalState.APPROVED
                    ? "This action was already approved and carried out" : "This approval expired; ask for the action again");
        }
        if (approval.requestedBy().equalsIgnoreCase(approver.name())) {
            audit.recordRefusal(approver, "approval.approve", "approval:" + approval.id(), "same operator as the requester");
            throw new Refusal(Refusal.Kind.CONFLICT, "same-operator",
                    "A second operator must approve; the operator who asked for it cannot");
        }
        approval.approve(approver.name(), clock.instant());
        // carried out first: an action refusing now (policy changed meanwhile) may audit its refusal on its own
        Object result = actionNamed(approval.action()).carryOut(approval, approver);
        audit.record(approver, "approval.approve", "approval:" + approval.id(), Outcome.SUCCESS,
                approval.action() + " (" + approval.detail() + ") requested by " + approval.requestedBy());
        return result;
    }

    public List<Approval> pending(int limit) {
        return em.createQuery("SELECT a FROM Approval a WHERE a.state = :pending AND a.expiresAt > :now"
                        + " ORDER BY a.requestedAt", Approval.class)
                .setParameter("pending", ApprovalState.PENDING)
                .setParameter("now", clock.instant())
                .setMaxResults(limit)
                .getResultList();
    }

    private ApprovableAction actionNamed(String action) {
        return actions.stream().filter(a -> a.action().equals(action)).findFirst()
                .orElseThrow(() -> new IllegalStateException("No approvable action " + action));
    }
}
