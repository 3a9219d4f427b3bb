package org.twofold.directory.control;

import java.time.Duration;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.twofold.directory.entity.DirectoryRun;
import org.twofold.directory.entity.RunStatus;

/**
 * Ended sync runs by status, with their durations ({@code twofold_directory_sync_seconds_count/_sum/_max}
 * and quantiles): a rising count of failed runs means a directory stopped answering. The unit is the
 * timer's own, nanoseconds, which Payara converts to seconds for Prometheus: declared as seconds, the
 * quantiles and maximum would be printed in nanoseconds, and without a unit with no conversion at all.
 */
@ApplicationScoped
public class SyncMetrics {

    static final Metadata SYNC = Metadata.builder().withName("twofold.directory.sync")
            .withDescription("Directory sync runs that ended (dry runs included), by status, and how long they took")
            .withUnit(MetricUnits.NANOSECONDS).build();

    @Inject
    MetricRegistry registry;

    /** Registered at start, so each status reads 0 runs before its first one instead of being missing. */
    void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
        for (RunStatus status : RunStatus.values()) {
            if (status != RunStatus.RUNNING) {
                registry.timer(SYNC, tag(status));
            }
        }
    }

    void ended(DirectoryRun run) {
        registry.timer(SYNC, tag(run.status())).update(Duration.between(run.startedAt(), run.endedAt()));
    }

    private static Tag tag(RunStatus status) {
        return new Tag("status", status.name().toLowerCase(Locale.ROOT));
    }
}
