package org.twofold.mail.control;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The mails waiting in the outbox: how many, and since when the oldest waits. */
public record Backlog(long waiting, Optional<Instant> oldestQueuedAt) {

    /** How long the oldest waiting mail has waited; zero when none waits. */
    public Duration oldestWait(Instant now) {
        return oldestQueuedAt.map(queued -> Duration.between(queued, now)).filter(wait -> !wait.isNegative())
                .orElse(Duration.ZERO);
    }

    /**
     * Stuck: a mail waits longer than {@code limit}. Retries are at most 15 min apart, so a limit well above
     * that means the mail server refused or was unreachable for that long. A zero limit never calls it stuck.
     */
    public boolean stuck(Duration limit, Instant now) {
        return !limit.isZero() && oldestWait(now).compareTo(limit) > 0;
    }
}
