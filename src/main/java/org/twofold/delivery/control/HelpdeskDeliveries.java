package org.twofold.delivery.control;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import org.twofold.audit.control.AuditTrail;
import org.twofold.audit.entity.Actor;
import org.twofold.audit.entity.Outcome;
import org.twofold.delivery.entity.Channel;
import org.twofold.delivery.entity.CodeDelivery;
import org.twofold.delivery.entity.CodePurpose;
import org.twofold.delivery.entity.DeliveryState;
import org.twofold.identity.control.Identities;
import org.twofold.identity.entity.Identity;
import org.twofold.platform.control.Refusal;

/**
 * Codes the helpdesk gives out itself: a handout printed for a user standing at the desk (IN_PERSON) or
 * the code read out to a caller (PHONE). Either is shown exactly once, after the operator has recorded how
 * they checked the person, and destroyed in the same transaction.
 */
@ApplicationScoped
public class HelpdeskDeliveries {

    @PersistenceContext
    EntityManager em;

    @Inject
    HeldCodes held;

    @Inject
    Identities identities;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    /** A code read out on the phone: the user, the code and its restore link. */
    public record RevealedCode(String user, String code, String link) {
    }

    public List<CodeDelivery> waiting(Channel channel, int limit) {
        return em.createQuery("SELECT d FROM CodeDelivery d WHERE d.channel = :channel AND d.state = :pending"
                        + " ORDER BY d.createdAt", CodeDelivery.class)
                .setParameter("channel", channel)
                .setParameter("pending", DeliveryState.PENDING)
                .setMaxResults(limit)
                .getResultList();
    }

    public byte[] handOut(String deliveryId, String identityCheck, Actor actor) {
        CodeDelivery delivery = takeOnce(deliveryId, Channel.IN_PERSON, identityCheck, actor);
        Identity identity = identities.byId(delivery.identityId());
        String code = held.open(delivery);
        delivery.delivered(clock.instant(), actor.name(), identityCheck);
        audit.record(actor, "restore-code.handed-out", Identities.target(identity), Outcome.SUCCESS,
                "delivery " + delivery.id() + ", identity checked: " + identityCheck);
        return CodeSheets.handout(new SheetContent(CodePurpose.RESTORE, CodeRecipient.of(identity).name(), List.of(),
                identity.user(),
                code, RestoreLink.of(identity.user(), code)));
    }

    public RevealedCode reveal(String deliveryId, String callerVerification, Actor actor) {
        CodeDelivery delivery = takeOnce(deliveryId, Channel.PHONE, callerVerification, actor);
        Identity identity = identities.byId(delivery.identityId());
        String code = held.open(delivery);
        delivery.delivered(clock.instant(), actor.name(), callerVerification);
        audit.record(actor, "restore-code.read-out", Identities.target(identity), Outcome.SUCCESS,
                "delivery " + delivery.id() + ", caller verified: " + callerVerification);
        return new RevealedCode(identity.user(), code, RestoreLink.of(identity.user(), code));
    }

    /** Under a row lock: of two operators clicking at once, one sees the code and the other a refusal. */
    private CodeDelivery takeOnce(String deliveryId, Channel channel, String verification, Actor actor) {
        CodeDelivery delivery = Optional.ofNullable(em.find(CodeDelivery.class, deliveryId, LockModeType.PESSIMISTIC_WRITE))
                .filter(d -> d.channel() == channel)
                .orElseThrow(() -> new Refusal(Refusal.Kind.NOT_FOUND, "unknown-delivery",
                        "No " + channel + " restore-code delivery with this id"));
        if (delivery.state() != DeliveryState.PENDING) {
            audit.recordRefusal(actor, "restore-code.show", "delivery:" + delivery.id(), "already " + delivery.state());
            throw new Refusal(Refusal.Kind.CONFLICT, "delivery-closed",
                    "This restore code was already given out or replaced by a newer one; it is never shown twice");
        }
        if (verification == null || verification.isBlank()) {
            throw Refusal.invalidRequest("Record how you checked the person before the code is shown");
        }
        return delivery;
    }
}
