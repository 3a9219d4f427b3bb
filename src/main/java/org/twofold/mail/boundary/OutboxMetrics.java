package org.twofold.mail.boundary;

import java.time.Clock;
import java.util.function.ToDoubleFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;

import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.twofold.mail.control.Backlog;
import org.twofold.mail.control.MailOutbox;

/**
 * The outbox in Prometheus: mails sent and failed attempts as they happen, the backlog read from the
 * database on each scrape (it is shared by all nodes, so every node reports the same backlog).
 */
@ApplicationScoped
public class OutboxMetrics {

    static final Metadata SENT = Metadata.builder().withName("twofold.mails.sent")
            .withDescription("Mails the mail server accepted").build();
    static final Metadata FAILED = Metadata.builder().withName("twofold.mails.failed")
            .withDescription("Attempts to send a mail that failed; the mail stays in the outbox and is retried").build();
    static final Metadata WAITING = Metadata.builder().withName("twofold.mail.outbox.waiting")
            .withDescription("Mails in the outbox not yet sent").build();
    static final Metadata OLDEST = Metadata.builder().withName("twofold.mail.outbox.oldest.waiting")
            .withDescription("How long the oldest mail not yet sent has waited; 0 when none waits")
            .withUnit(MetricUnits.SECONDS).build();

    @Inject
    MetricRegistry registry;

    @Inject
    MailOutbox outbox;

    @Inject
    Clock clock;

    void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
        registry.counter(SENT);
        registry.counter(FAILED);
        registry.gauge(WAITING, this, metrics -> metrics.read(Backlog::waiting));
        registry.gauge(OLDEST, this, metrics -> metrics.read(backlog -> backlog.oldestWait(clock.instant()).toSeconds()));
    }

    /** NaN while the outbox cannot be read: a gauge that threw would fail the whole scrape, every other metric with it. */
    private Double read(ToDoubleFunction<Backlog> figure) {
        try {
            return figure.applyAsDouble(outbox.waiting());
        } catch (PersistenceException unreadable) {
            return Double.NaN;
        }
    }

    /**
     * Looked up on each use: the outbox timer can fire before {@link #register} has run at boot, and a counter that
     * was still null then threw after the mail server had accepted a mail, so the mail went out again.
     */
    void sent() {
        registry.counter(SENT).inc();
    }

    void failed() {
        registry.counter(FAILED).inc();
    }
}
