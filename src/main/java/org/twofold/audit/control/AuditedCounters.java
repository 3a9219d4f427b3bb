package org.twofold.audit.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import org.eclipse.microprofile.metrics.MetricRegistry;

/** Counts the {@link CountedAction}s once the transaction that audited them committed. */
@ApplicationScoped
public class AuditedCounters {

    @Inject
    MetricRegistry registry;

    /** Registered at start, so each counter reads 0 before its first event instead of being missing. */
    void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
        for (CountedAction counted : CountedAction.values()) {
            registry.counter(counted.metadata, counted.tags);
        }
    }

    /** Looked up on each event: a timer's work may be audited at boot before {@link #register} ran. */
    void count(@Observes(during = TransactionPhase.AFTER_SUCCESS) Audited audited) {
        for (CountedAction counted : CountedAction.values()) {
            if (counted.action.equals(audited.action()) && counted.outcome == audited.outcome()) {
                registry.counter(counted.metadata, counted.tags).inc();
            }
        }
    }
}
