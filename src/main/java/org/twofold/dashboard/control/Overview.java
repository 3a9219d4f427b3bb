package org.twofold.dashboard.control;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.twofold.directory.entity.DirectoryRun;
import org.twofold.mail.control.MailOutbox;

/** The figures of the dashboard's first page, each one aggregate query. */
@ApplicationScoped
public class Overview {

    public static final int DAYS = 30;
    static final List<String> RECOVERY_ACTIONS = List.of("restore.complete", "duplication.confirm", "device.block");

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    MailOutbox outbox;

    public record Figures(long identities, long activeIdentities, long withRestoreActive, long activeDevices,
                          long blockedDevices, long pendingLetters, List<Day> days, DirectoryRun lastRun,
                          long mailBacklog) {

        public int restoreActiveShare() {
            return identities == 0 ? 0 : (int) Math.round(100.0 * withRestoreActive / identities);
        }

        public long busiestDay() {
            return days.stream().mapToLong(Day::total).max().orElse(0);
        }
    }

    /** One day of recovery activity, for the overview's chart. */
    public record Day(LocalDate date, long restores, long duplications, long blocks) {
        public long total() {
            return restores + duplications + blocks;
        }
    }

    public Figures figures() {
        return new Figures(
                count("SELECT COUNT(i) FROM Identity i"),
                count("SELECT COUNT(i) FROM Identity i WHERE i.status = org.twofold.identity.entity.IdentityStatus.ACTIVE"),
                count("SELECT COUNT(i) FROM Identity i WHERE i.restoreActive = TRUE"),
                count("SELECT COUNT(d) FROM Device d WHERE d.state = org.twofold.device.entity.DeviceState.ACTIVE"),
                count("SELECT COUNT(d) FROM Device d WHERE d.state = org.twofold.device.entity.DeviceState.BLOCKED"),
                count("SELECT COUNT(c) FROM CodeDelivery c WHERE c.channel = org.twofold.delivery.entity.Channel.POSTAL_LETTER"
                        + " AND c.state = org.twofold.delivery.entity.DeliveryState.PENDING"),
                days(),
                em.createQuery("SELECT r FROM DirectoryRun r WHERE r.dryRun = FALSE ORDER BY r.startedAt DESC", DirectoryRun.class)
                        .setMaxResults(1).getResultStream().findFirst().orElse(null),
                outbox.backlog());
    }

    private long count(String jpql) {
        return em.createQuery(jpql, Long.class).getSingleResult();
    }

    /** Counted per day in the appliance's time zone; days without activity are shown as zero. */
    private List<Day> days() {
        ZoneId zone = clock.getZone();
        LocalDate today = LocalDate.now(clock);
        LocalDate first = today.minusDays(DAYS - 1L);
        Map<LocalDate, long[]> perDay = new HashMap<>();
        List<Object[]> rows = em.createQuery("SELECT a.action, a.recordedAt FROM AuditEntry a"
                        + " WHERE a.action IN :actions AND a.recordedAt >= :since"
                        + " AND a.outcome = org.twofold.audit.entity.Outcome.SUCCESS", Object[].class)
                .setParameter("actions", RECOVERY_ACTIONS)
                .setParameter("since", first.atStartOfDay(zone).toInstant())
                .getResultList();
        for (Object[] row : rows) {
            LocalDate day = LocalDate.ofInstant((Instant) row[1], zone);
            perDay.computeIfAbsent(day, d -> new long[3])[RECOVERY_ACTIONS.indexOf((String) row[0])]++;
        }
        List<Day> days = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(today); day = day.plus(1, ChronoUnit.DAYS)) {
            long[] counts = perDay.getOrDefault(day, new long[3]);
            days.add(new Day(day, counts[0], counts[1], counts[2]));
        }
        return days;
    }
}
