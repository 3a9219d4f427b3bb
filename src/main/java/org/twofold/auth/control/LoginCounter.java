package org.twofold.auth.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Counts started logins once they are committed. How they ended is counted from the audit trail
 * ({@code twofold_logins_approved_total}, {@code _denied_total}); an expiry is no event, so logins that
 * expired or were cancelled are the started ones no device decided.
 */
@ApplicationScoped
public class LoginCounter {

    static final Metadata STARTED = Metadata.builder().withName("twofold.logins.started")
            .withDescription("Logins relying parties started, each waiting for a decision on the user's device").build();

    @Inject
    MetricRegistry registry;

    /** Registered at start, so the counter reads 0 before the first login instead of being missing. */
    void register(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        registry.counter(STARTED);
    }

    void count(@Observes(during = TransactionPhase.AFTER_SUCCESS) LoginStarted login) {
        registry.counter(STARTED).inc();
    }
}
