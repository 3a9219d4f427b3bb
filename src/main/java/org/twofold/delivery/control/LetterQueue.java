package org.twofold.delivery.control;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
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
import org.twofold.delivery.entity.LetterBatch;
import org.twofold.identity.control.Identities;
import org.twofold.identity.control.IssuedActivationCode;
import org.twofold.identity.entity.Identity;
import org.twofold.platform.control.ApplianceUrl;
import org.twofold.platform.control.Refusal;

/**
 * The print queue of restore-code letters. An operator takes the waiting letters into a batch, downloads
 * its PDF (again, if the printer jammed) and confirms it printed — which destroys the codes: from then on
 * only their keyed hashes exist.
 */
@ApplicationScoped
public class LetterQueue {

    static final int MAX_BATCH = 500;

    @PersistenceContext
    EntityManager em;

    @Inject
    HeldCodes held;

    @Inject
    Identities identities;

    @Inject
    AuditTrail audit;

    @Inject
    ApplianceUrl applianceUrl;

    @Inject
    Clock clock;

    /** Letters not yet in a batch, oldest first. */
    public List<CodeDelivery> waiting(int limit) {
        return em.createQuery("SELECT d FROM CodeDelivery d WHERE d.channel = :letter AND d.state = :pending"
                        + " ORDER BY d.createdAt", CodeDelivery.class)
                .setParameter("letter", Channel.POSTAL_LETTER)
                .setParameter("pending", DeliveryState.PENDING)
                .setMaxResults(limit)
                .getResultList();
    }

    public List<LetterBatch> batches(int limit) {
        return em.createQuery("SELECT b FROM LetterBatch b ORDER BY b.createdAt DESC", LetterBatch.class)
                .setMaxResults(limit)
                .getResultList();
    }

    /**
     * Takes up to 500 waiting letters, oldest first, into a new batch. A letter taken by another operator's
     * batch at the same moment is skipped by the conditional update, so no letter is in two batches.
     */
    public LetterBatch createBatch(Actor actor) {
        List<String> waiting = waiting(MAX_BATCH).stream().map(CodeDelivery::id).toList();
        LetterBatch batch = new LetterBatch(clock.instant(), actor.name());
        int taken = waiting.isEmpty() ? 0 : em.createQuery("UPDATE CodeDelivery d SET d.state = :batched, d.batchId = :batch,"
                        + " d.version = d.version + 1 WHERE d.id IN :ids AND d.state = :pending")
                .setParameter("batched", DeliveryState.BATCHED)
                .setParameter("batch", batch.id())
                .setParameter("ids", waiting)
                .setParameter("pending", DeliveryState.PENDING)
                .executeUpdate();
        if (taken == 0) {
            throw new Refusal(Refusal.Kind.CONFLICT, "no-letters", "No restore-code letters are waiting to be printed");
        }
        batch.holding(taken);
        em.persist(batch);
        audit.record(actor, "letters.batch", target(batch), Outcome.SUCCESS, taken + " letters");
        return batch;
    }

    /** The batch's letters as one PDF, while the batch is not confirmed printed. */
    public byte[] pdf(String batchId, Actor actor) {
        LetterBatch batch = unprinted(batchId, LockModeType.NONE);
        List<CodeDelivery> letters = lettersOf(batch);
        if (letters.isEmpty()) {
            throw new Refusal(Refusal.Kind.CONFLICT, "batch-empty",
                    "Every letter of this batch was replaced by a newer restore code; there is nothing to print");
        }
        Map<String, Identity> recipients = identities.byIds(letters.stream().map(CodeDelivery::identityId).toList());
        List<SheetContent> sheets = letters.stream().map(letter -> {
            Identity identity = recipients.get(letter.identityId());
            String code = held.open(letter);
            String link = letter.purpose() == CodePurpose.ACTIVATION ? IssuedActivationCode.link(applianceUrl.value(), code)
                    : RestoreLink.of(identity.user(), code);
            return new SheetContent(letter.purpose(), CodeRecipient.of(identity).name(),
                    List.of(letter.address().split("\n")), identity.user(), code, link);
        }).toList();
        audit.record(actor, "letters.download", target(batch), Outcome.SUCCESS, letters.size() + " letters");
        return CodeSheets.letters(sheets, LocalDate.now(clock));
    }

    /** The operator confirms the batch printed and posted: its codes are destroyed. */
    public LetterBatch printed(String batchId, Actor actor) {
        LetterBatch batch = unprinted(batchId, LockModeType.PESSIMISTIC_WRITE);
        Instant now = clock.instant();
        List<CodeDelivery> letters = lettersOf(batch);
        Map<String, Identity> recipients = identities.byIds(letters.stream().map(CodeDelivery::identityId).toList());
        for (CodeDelivery letter : letters) {
            letter.delivered(now, actor.name(), "printed in batch " + batch.id());
            audit.record(actor, HeldCodes.action(letter.purpose(), "letter-printed"),
                    Identities.target(recipients.get(letter.identityId())),
                    Outcome.SUCCESS, "delivery " + letter.id() + ", batch " + batch.id());
        }
        batch.printed(now, actor.name());
        audit.record(actor, "letters.printed", target(batch), Outcome.SUCCESS, letters.size() + " letters");
        return batch;
    }

    public List<CodeDelivery> lettersOf(LetterBatch batch) {
        return em.createQuery("SELECT d FROM CodeDelivery d WHERE d.batchId = :batch AND d.state = :batched"
                        + " ORDER BY d.createdAt", CodeDelivery.class)
                .setParameter("batch", batch.id())
                .setParameter("batched", DeliveryState.BATCHED)
                .getResultList();
    }

    private LetterBatch unprinted(String batchId, LockModeType lock) {
        LetterBatch batch = Optional.ofNullable(em.find(LetterBatch.class, batchId, lock))
                .orElseThrow(() -> new Refusal(Refusal.Kind.NOT_FOUND, "unknown-batch", "No such letter batch"));
        if (batch.isPrinted()) {
            throw new Refusal(Refusal.Kind.CONFLICT, "batch-printed",
                    "This batch was confirmed printed; its restore codes are destroyed and cannot be printed again");
        }
        return batch;
    }

    private static String target(LetterBatch batch) {
        return "letter-batch:" + batch.id();
    }
}
