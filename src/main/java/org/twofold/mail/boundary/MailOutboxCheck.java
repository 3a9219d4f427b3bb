package org.twofold.mail.boundary;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.twofold.mail.control.Backlog;
import org.twofold.mail.control.MailOutbox;

/**
 * The outbox backlog as readiness data ({@code /health/ready}, check "mail-outbox"). A mail server outage
 * delays one-time codes and notices but no login, and every node of a cluster shares the outbox: taking the
 * nodes out of the load balancer for it would turn a mail outage into a login outage. So the check is DOWN
 * only when an operator chose a limit ({@code twofold.health.mail-backlog-max-minutes}, default 0 = never).
 */
@Readiness
@ApplicationScoped
public class MailOutboxCheck implements HealthCheck {

    @Inject
    MailOutbox outbox;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "twofold.health.mail-backlog-max-minutes", defaultValue = "0")
    long maxMinutes;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder check = HealthCheckResponse.named("mail-outbox");
        try {
            Backlog backlog = outbox.waiting();
            Instant now = clock.instant();
            return check.status(!backlog.stuck(Duration.ofMinutes(maxMinutes), now))
                    .withData("waiting", backlog.waiting())
                    .withData("oldestWaitingSeconds", backlog.oldestWait(now).toSeconds())
                    .build();
        } catch (PersistenceException unreadable) {
            // the check "twofold" reports the database; the backlog is merely unknown meanwhile
            return check.up().withData("waiting", "unknown: the outbox cannot be read").build();
        }
    }
}
