package org.twofold.directory.control;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

import jakarta.enterprise.concurrent.CronTrigger;

import org.twofold.directory.entity.RunStatus;
import org.twofold.directory.entity.SyncMode;

/**
 * When a connection's next scheduled run is due: a full run when its cron time (in the appliance's time
 * zone) passed since the last full run began, otherwise an incremental run every few minutes. Nothing is
 * started while the latest run waits for an operator's confirmation — repeating it would only stop again.
 */
public final class SyncSchedule {

    private SyncSchedule() {
    }

    /** A five-field cron expression ("0 3 * * *"), or refused with the reason. */
    public static CronTrigger cron(String expression, ZoneId zone) {
        return new CronTrigger(expression, zone);
    }

    /**
     * @param lastRun    start and status of the connection's latest run, if any
     * @param lastFull   start of its latest full run that succeeded, or the connection's creation
     */
    public static Optional<SyncMode> due(Instant now, int incrementalMinutes, String fullCron, ZoneId zone,
                                         Optional<LastRun> lastRun, Instant lastFull) {
        if (lastRun.isPresent() && lastRun.get().status() == RunStatus.STOPPED_FOR_CONFIRMATION) {
            return Optional.empty();
        }
        ZonedDateTime nextFull = cron(fullCron, zone).getNextRunTime(null, lastFull.plusSeconds(1).atZone(zone));
        if (nextFull != null && !nextFull.toInstant().isAfter(now)) {
            return Optional.of(SyncMode.FULL);
        }
        if (lastRun.isEmpty() || !lastRun.get().startedAt().plus(Duration.ofMinutes(incrementalMinutes)).isAfter(now)) {
            return Optional.of(SyncMode.INCREMENTAL);
        }
        return Optional.empty();
    }

    public record LastRun(Instant startedAt, RunStatus status) {
    }
}
