package org.twofold.mail.boundary;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;

import org.twofold.mail.control.MailOutbox;
import org.twofold.mail.control.SmtpTransport;
import org.twofold.mail.entity.OutboxMail;

/**
 * Sends what the outbox holds: right after the transaction that queued a mail commits, and every
 * few seconds for retries (and for mail queued while this node was down).
 */
@Singleton
@Lock(LockType.READ)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OutboxSender {

    private static final Logger LOG = Logger.getLogger(OutboxSender.class.getName());

    static final int MAX_ROUNDS = 10;

    private final AtomicBoolean draining = new AtomicBoolean();

    @Inject
    MailOutbox outbox;

    @Inject
    SmtpTransport smtp;

    @Inject
    OutboxMetrics metrics;

    @Resource
    ManagedExecutorService executor;

    public void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) MailOutbox.MailQueued queued) {
        executor.execute(this::drain);
    }

    /**
     * Drains on the executor, as {@link #afterCommit} does: the container runs a timer callback in a transaction of
     * its own (whatever the bean's attribute says), which every claim and every mark of the drain joined; a failure
     * rolled the marks of mails already handed to the mail server back, and a crash mid-drain did too, so they went
     * out again. On the executor each claim and each mark commits on its own.
     */
    @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false)
    public void retry() {
        executor.execute(this::drain);
    }

    /**
     * One drain at a time per node. It goes round again while it found work, so a mail queued during a
     * drain still leaves at once; failed mails are not due again until their backoff passed.
     */
    void drain() {
        if (!draining.compareAndSet(false, true)) {
            return;
        }
        try {
            List<String> due = outbox.due();
            for (int round = 0; round < MAX_ROUNDS && !due.isEmpty(); round++) {
                List<OutboxMail> claimed = due.stream().map(outbox::claim).flatMap(Optional::stream).toList();
                send(claimed);
                due = outbox.due();
            }
        } finally {
            draining.set(false);
        }
    }

    /** Sends over one connection; whatever it could not even try (server unreachable) waits for its retry. */
    private void send(List<OutboxMail> mails) {
        if (mails.isEmpty()) {
            return;
        }
        Deque<OutboxMail> waiting = new ArrayDeque<>(mails);
        try (SmtpTransport.Connection connection = smtp.connect()) {
            while (!waiting.isEmpty()) {
                OutboxMail mail = waiting.peek();
                try {
                    connection.send(mail);
                    outbox.sent(mail.id());
                    metrics.sent();
                } catch (MessagingException | RuntimeException refused) {
                    failed(mail, refused);
                }
                waiting.remove();
            }
        } catch (MessagingException | RuntimeException unreachable) {
            waiting.forEach(mail -> failed(mail, unreachable));
        }
    }

    private void failed(OutboxMail mail, Exception failure) {
        LOG.log(Level.WARNING, () -> "Mail " + mail.id() + " not sent (attempt " + mail.attempts()
                + "), will retry: " + failure.getMessage());
        outbox.failed(mail.id(), mail.attempts(), String.valueOf(failure.getMessage()));
        metrics.failed();
    }
}
