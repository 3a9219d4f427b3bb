package org.twofold.mail.boundary;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
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

    private Counter sent;
    private Counter failed;

    void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
        sent = registry.counter(SENT);
        failed = registry.counter(FAILED);
        registry.gauge(WAITING, outbox, box -> box.waiting().waiting());
        registry.gauge(OLDEST, outbox, box -> box.waiting().oldestWait(clock.instant()).toSeconds());
    }

    void sent() {
        sent.inc();
    }

    void failed() {
        failed.inc();
    }
}
