package org.twofold.directory.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.twofold.directory.entity.RunStatus;
import org.twofold.directory.entity.SyncMode;

class SyncScheduleTest {

    private static final ZoneId ZURICH = ZoneId.of("Europe/Zurich");
    private static final Instant CREATED = Instant.parse("2026-11-26T10:00:00Z");

    private static Optional<SyncMode> due(String now, String lastRun, RunStatus status, String lastFull) {
        return SyncSchedule.due(Instant.parse(now), 5, "0 3 * * *", ZURICH,
                Optional.ofNullable(lastRun).map(start -> new SyncSchedule.LastRun(Instant.parse(start), status)),
                lastFull == null ? CREATED : Instant.parse(lastFull));
    }

    @Test
    void aNewConnectionRunsAtOnceIncrementallyWhichBecomesAFullRun() {
        assertEquals(Optional.of(SyncMode.INCREMENTAL), due("2026-11-26T10:00:30Z", null, null, null));
    }

    @Test
    void incrementalRunsFollowEachOtherAfterTheirInterval() {
        assertEquals(Optional.empty(), due("2026-11-26T10:04:59Z", "2026-11-26T10:00:00Z", RunStatus.SUCCEEDED, null));
        assertEquals(Optional.of(SyncMode.INCREMENTAL), due("2026-11-26T10:05:00Z", "2026-11-26T10:00:00Z",
                RunStatus.SUCCEEDED, null));
        assertEquals(Optional.of(SyncMode.INCREMENTAL), due("2026-11-26T10:05:00Z", "2026-11-26T10:00:00Z",
                RunStatus.FAILED, null), "an unreachable directory is tried again at the next interval");
    }

    @Test
    void theNightlyFullRunComesAtItsCronTimeInTheApplianceTimeZone() {
        // 03:00 in Zurich is 02:00 UTC in November
        assertEquals(Optional.empty(), due("2026-11-27T01:59:00Z", "2026-11-27T01:58:00Z", RunStatus.SUCCEEDED,
                "2026-11-26T10:00:00Z"));
        assertEquals(Optional.of(SyncMode.FULL), due("2026-11-27T02:00:00Z", "2026-11-27T01:58:00Z", RunStatus.SUCCEEDED,
                "2026-11-26T10:00:00Z"));
        assertEquals(Optional.empty(), due("2026-11-27T02:03:00Z", "2026-11-27T02:00:00Z", RunStatus.SUCCEEDED,
                "2026-11-27T02:00:00Z"), "once a night");
    }

    @Test
    void nothingStartsWhileARunWaitsForConfirmation() {
        assertEquals(Optional.empty(), due("2026-11-27T02:30:00Z", "2026-11-26T11:00:00Z",
                RunStatus.STOPPED_FOR_CONFIRMATION, null));
    }

    @Test
    void aMalformedCronExpressionIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> SyncSchedule.cron("0 3 * *", ZURICH));
        assertThrows(IllegalArgumentException.class, () -> SyncSchedule.cron("0 25 * * *", ZURICH));
    }
}
