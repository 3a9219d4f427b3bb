package org.twofold.audit.control;

import java.util.EnumMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;

/** Counts the {@link CountedAction}s once the transaction that audited them committed. */
@ApplicationScoped
public class AuditedCounters {

    @Inject
    MetricRegistry registry;

    private final Map<CountedAction, Counter> counters = new EnumMap<>(CountedAction.class);

    /** Registered at start, so each counter reads 0 before its first event instead of being missing. */
    void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
        for (CountedAction counted : CountedAction.values()) {
            counters.put(counted, registry.counter(counted.metadata, counted.tags));
        }
    }

    void count(@Observes(during = TransactionPhase.AFTER_SUCCESS) Audited audited) {
        for (CountedAction counted : CountedAction.values()) {
            if (counted.action.equals(audited.action()) && counted.outcome == audited.outcome()) {
                counters.get(counted).inc();
            }
        }
    }
}
