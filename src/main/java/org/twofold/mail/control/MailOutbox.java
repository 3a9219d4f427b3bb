package org.twofold.mail.control;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import org.twofold.mail.entity.OutboxMail;

/**
 * The transactional outbox. {@link #enqueue} joins the caller's transaction; the sender claims due
 * mails one by one (a claim is a conditional update, so two nodes never send the same mail at once)
 * and marks each sent or schedules its retry.
 */
@ApplicationScoped
public class MailOutbox {

    static final int BATCH = 50;

    /**
     * A claim older than this is taken to be from a node that died while sending, and the mail is sent again:
     * longer than one send can take (connect, write and read, 10 s each).
     */
    @Inject
    @ConfigProperty(name = "twofold.mail.claim-seconds", defaultValue = "120")
    long claimSeconds;

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Event<MailQueued> queued;

    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(String recipient, String subject, String body) {
        enqueue(recipient, subject, body, null);
    }

    /** A mail with {@code qrContent} drawn as a QR code image attached to it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(String recipient, String subject, String body, String qrContent) {
        em.persist(new OutboxMail(recipient, subject, body, qrContent, clock.instant()));
        queued.fire(new MailQueued());
    }

    /** Ids of mails due now, oldest first. */
    @Transactional
    public List<String> due() {
        Instant now = clock.instant();
        return em.createQuery("SELECT m.id FROM OutboxMail m WHERE m.sentAt IS NULL AND m.nextAttemptAt <= :now"
                        + " AND (m.claimedUntil IS NULL OR m.claimedUntil < :now) ORDER BY m.nextAttemptAt", String.class)
                .setParameter("now", now)
                .setMaxResults(BATCH)
                .getResultList();
    }

    /** Claims one mail for sending; empty when another sender was quicker or it is no longer due. */
    @Transactional
    public Optional<OutboxMail> claim(String id) {
        Instant now = clock.instant();
        int claimed = em.createQuery("UPDATE OutboxMail m SET m.claimedUntil = :until, m.attempts = m.attempts + 1"
                        + " WHERE m.id = :id AND m.sentAt IS NULL AND (m.claimedUntil IS NULL OR m.claimedUntil < :now)")
                .setParameter("until", now.plusSeconds(claimSeconds))
                .setParameter("id", id)
                .setParameter("now", now)
                .executeUpdate();
        return claimed == 1 ? Optional.ofNullable(em.find(OutboxMail.class, id)) : Optional.empty();
    }

    /**
     * Marks the mail sent and erases its text and QR content: mails carry one-time, restore and activation
     * codes, which must not outlive their delivery in the database.
     */
    @Transactional
    public void sent(String id) {
        em.createQuery("UPDATE OutboxMail m SET m.sentAt = :now, m.claimedUntil = NULL, m.lastError = NULL, m.body = '',"
                        + " m.qrContent = NULL"
                        + " WHERE m.id = :id")
                .setParameter("now", clock.instant())
                .setParameter("id", id)
                .executeUpdate();
    }

    @Transactional
    public void failed(String id, int attempts, String error) {
        Instant now = clock.instant();
        em.createQuery("UPDATE OutboxMail m SET m.claimedUntil = NULL, m.nextAttemptAt = :next, m.lastError = :error"
                        + " WHERE m.id = :id")
                .setParameter("next", OutboxMail.nextAttemptAfter(attempts, now))
                .setParameter("error", error.length() > 500 ? error.substring(0, 500) : error)
                .setParameter("id", id)
                .executeUpdate();
    }

    /** Mails not yet sent (the backlog health and the dashboard show). */
    public long backlog() {
        return em.createQuery("SELECT COUNT(m) FROM OutboxMail m WHERE m.sentAt IS NULL", Long.class).getSingleResult();
    }

    /**
     * Mails not yet sent and when the oldest of them was queued. Not MIN(createdAt): PostgreSQL's driver
     * answers an aggregate as a Timestamp, which the Instant converter does not take.
     */
    public Backlog waiting() {
        Optional<Instant> oldest = em.createQuery("SELECT m.createdAt FROM OutboxMail m WHERE m.sentAt IS NULL"
                        + " ORDER BY m.createdAt", Instant.class)
                .setMaxResults(1)
                .getResultStream().findFirst();
        return new Backlog(oldest.isEmpty() ? 0 : backlog(), oldest);
    }

    /** Fired inside the enqueuing transaction; the sender reacts after commit, so mail goes out at once. */
    public record MailQueued() {
    }
}
