package org.twofold.dashboard.boundary;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

/**
 * Points in time as pages show them, {@code #{times.of(entry.at)}}: to the second and in UTC, like the audit
 * export, so what one operator reads off a page another finds in the CSV or the log.
 */
@Named("times")
@ApplicationScoped
public class Times {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    public String of(Instant at) {
        return at == null ? "" : SHOWN.format(at);
    }
}
