package org.twofold.mail.entity;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A mail waiting in the transactional outbox: written in the transaction of the action it reports,
 * sent afterwards with retries, so a mail server outage delays mail and loses none.
 */
@Entity
@Table(name = "outbox_mail")
public class OutboxMail {

    static final Duration FIRST_RETRY = Duration.ofSeconds(5);
    static final Duration LONGEST_RETRY = Duration.ofMinutes(15);

    @Id
    private String id;

    private String recipient;

    private String subject;

    private String body;

    /** drawn as a QR code attached to the mail when it is sent */
    @Column(name = "qr_content")
    private String qrContent;

    @Column(name = "created_at")
    private Instant createdAt;

    private int attempts;

    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    @Column(name = "claimed_until")
    private Instant claimedUntil;

    @Column(name = "sent_at")
    private Instant sentAt;

    @Column(name = "last_error")
    private String lastError;

    protected OutboxMail() {
    }

    public OutboxMail(String recipient, String subject, String body, String qrContent, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.recipient = recipient;
        this.subject = subject;
        this.body = body;
        this.qrContent = qrContent;
        this.createdAt = now;
        this.nextAttemptAt = now;
    }

    /** Exponential backoff: 5 s, 10 s, 20 s … at most 15 min between attempts. */
    public static Instant nextAttemptAfter(int failedAttempts, Instant now) {
        long factor = 1L << Math.min(failedAttempts - 1, 20);
        Duration wait = FIRST_RETRY.multipliedBy(factor);
        return now.plus(wait.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wait);
    }

    public String id() {
        return id;
    }

    public String recipient() {
        return recipient;
    }

    public String subject() {
        return subject;
    }

    public String body() {
        return body;
    }

    public String qrContent() {
        return qrContent;
    }

    public int attempts() {
        return attempts;
    }

    public Instant sentAt() {
        return sentAt;
    }

    public String lastError() {
        return lastError;
    }
}
