package org.twofold.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.twofold.simulator.Answer;
import org.twofold.simulator.Appliance;

/**
 * Directory sync against a real OpenLDAP slapd ({@code bin/slapd-sandbox}, StartTLS trusting its test CA):
 * a full sync of N users (default 100,000) and of N/10, with their times, users/s and the appliance's heap,
 * then incremental syncs of the big directory — nothing changed, 1,000 mails changed, 950 mails changed plus
 * 50 users taken out of the 2FA group, and nothing changed again — each against the targets (full ≤ 60 s,
 * incremental ≤ 5 s, heap growth independent of the directory's size).
 *
 * <p>Both directories are synced by the same appliance, the small one first (each on its own slapd and
 * connection; user names differ, so the identities do not collide). The heap figures of a run are relative to
 * the live heap just before it: the big run therefore starts with the small run's identities in the database
 * and a JIT warmed by it. Exit status 1 when a run fails or its counts are not the expected ones (a missed
 * target is reported, not an error).
 *
 * <pre>
 * java -cp ... org.twofold.bench.DirectorySyncBenchmark --url=http://127.0.0.1:8080/ --admin-password=... \
 *     --appliance-pid=PID --slapd=bin/slapd-sandbox --work=/tmp/dir [--users=100000] [--small-users=N/10]
 *     [--changes=1000] [--db-pid=PID] [--label=H2]
 * </pre>
 */
public final class DirectorySyncBenchmark {

    static final double FULL_TARGET_SECONDS = 60;
    static final double INCREMENTAL_TARGET_SECONDS = 5;
    /**
     * Linear growth would make the big run's live heap growth 10× the small one's; "independent" is taken as at
     * most 2× the small one's plus {@link #HEAP_NOISE_MIB} (the half-way probes scatter by about ±10 MiB from run
     * to run, which makes a ratio of two small growths meaningless on its own).
     */
    static final double HEAP_RATIO_LIMIT = 2.0;
    static final double HEAP_NOISE_MIB = 16;
    private static final double MIB = 1024;
    private static final long SELF = ProcessHandle.current().pid();

    private final Appliance.Operator admin;
    private final long appliancePid;
    private final long dbPid;
    private final HeapWatch heap;
    private final String label;
    private final int pollMillis;
    private final List<String> summary = new ArrayList<>();
    private String caRefused;

    private DirectorySyncBenchmark(Appliance.Operator admin, long appliancePid, long dbPid, HeapWatch heap, String label,
                                   int pollMillis) {
        this.admin = admin;
        this.appliancePid = appliancePid;
        this.dbPid = dbPid;
        this.heap = heap;
        this.label = label;
        this.pollMillis = pollMillis;
    }

    public static void main(String[] args) throws Exception {
        Options options = new Options(args);
        String url = options.required("url");
        int users = options.integer("users", 100_000);
        int smallUsers = options.integer("small-users", users / 10);
        int changes = options.integer("changes", 1000);
        long appliancePid = options.pid("appliance-pid");
        if (appliancePid <= 0) {
            throw new IllegalArgumentException("Missing --appliance-pid=<pid of the appliance's java> (its heap is measured)");
        }
        if (changes < 20 || 2 * changes > users * 9 / 10) {
            throw new IllegalArgumentException("--changes must be at least 20 and at most 45 % of --users");
        }
        Path work = Path.of(options.required("work"));
        Path slapd = Path.of(options.required("slapd"));
        String label = options.text("label", "-");
        System.out.printf(Locale.ROOT, "== Directory sync benchmark (%s): %s, %d and %d users, %d cores (%s), %s%n", label, url,
                users, smallUsers, Runtime.getRuntime().availableProcessors(), LoginBenchmark.cpuModel(), Instant.now());

        Appliance.Operator admin = new Appliance(url).operator(options.text("admin-user", "admin"),
                options.required("admin-password"));
        boolean asExpected;
        try (BenchDirectory small = new BenchDirectory(slapd, work.resolve("small"), "s", smallUsers);
             BenchDirectory big = new BenchDirectory(slapd, work.resolve("big"), "u", users);
             HeapWatch heap = HeapWatch.start(appliancePid, work.resolve("gc.log"))) {
            DirectorySyncBenchmark benchmark = new DirectorySyncBenchmark(admin, appliancePid, options.pid("db-pid"), heap,
                    label, options.integer("poll-ms", 200));
            small.start();
            big.start();
            asExpected = benchmark.run(small, big, changes);
        }
        System.exit(asExpected ? 0 : 1);
    }

    /** All runs, then the report; false when a run failed or counted otherwise than expected. */
    private boolean run(BenchDirectory small, BenchDirectory big, int changes) throws Exception {
        String smallConnection = connection(small, "bench-" + small.users());
        String bigConnection = connection(big, "bench-" + big.users());

        System.out.printf(Locale.ROOT, "%n== Full sync, %d users (warms the JIT; measured for the heap comparison)%n", small.users());
        Run smallFull = sync(smallConnection, "FULL", small, true);
        System.out.printf(Locale.ROOT, "%n== Full sync, %d users%n", big.users());
        Run bigFull = sync(bigConnection, "FULL", big, true);
        // run.sh --jfr hands this to JfrHotspots, so the profile covers the big full run only
        System.out.printf(Locale.ROOT, "WINDOW %d %d (epoch ms of the %d-user full sync)%n", bigFull.fromMs, bigFull.untilMs,
                big.users());
        expect(bigFull, big.twoFactorMembers(), 0, 0);

        System.out.printf(Locale.ROOT, "%n== Incremental sync, nothing changed (baseline)%n");
        Run unchanged = sync(bigConnection, "INCREMENTAL", big, false);

        List<Integer> members = big.shuffledTwoFactorMembers();
        List<Integer> mailOnly = members.subList(0, changes);
        int leaving = changes / 20;
        List<Integer> mailWithGroup = members.subList(changes, 2 * changes - leaving);
        List<Integer> leavers = members.subList(2 * changes - leaving, 2 * changes);

        System.out.printf(Locale.ROOT, "%n== Incremental sync, %d users' mail changed%n", changes);
        change(big, mailOnly, List.of(), "mail");
        Run mail = sync(bigConnection, "INCREMENTAL", big, false);
        expect(mail, 0, changes, 0);

        System.out.printf(Locale.ROOT, "%n== Incremental sync, %d users' mail changed and %d users taken out of cn=2fa"
                + " (the group changed)%n", mailWithGroup.size(), leavers.size());
        change(big, mailWithGroup, leavers, "group");
        Run group = sync(bigConnection, "INCREMENTAL", big, false);
        expect(group, 0, mailWithGroup.size(), leavers.size());

        System.out.printf(Locale.ROOT, "%n== Incremental sync, nothing changed since the last one%n");
        Run after = sync(bigConnection, "INCREMENTAL", big, false);

        return report(small, big, smallFull, bigFull, unchanged, mail, group, after, changes);
    }

    /**
     * Creates the connection (StartTLS, trusting slapd's test CA). Should the appliance refuse the multi-line
     * PEM, this says so and pins slapd's server certificate instead: the same StartTLS, another trust check.
     * Scheduled syncs are switched off, so that none starts in the middle of a measurement.
     */
    private String connection(BenchDirectory directory, String name) throws Exception {
        JsonObject trust = Json.createObjectBuilder().add("caCertificates", directory.caPem()).build();
        Answer created = admin.call("POST", "directory/connections", connectionBody(directory, name, trust));
        if (created.status() == 400 && created.body().contains("caCertificates")) {
            System.out.println("WARNING: the appliance refused slapd's CA certificate in trust.caCertificates: "
                    + created.json().getString("title") + " -- pinning slapd's server certificate (trust.pinnedSha256) instead");
            caRefused = created.json().getString("title");
            trust = Json.createObjectBuilder().add("pinnedSha256", directory.serverCertificateSha256()).build();
            created = admin.call("POST", "directory/connections", connectionBody(directory, name, trust));
        }
        return created.expect(201).json().getString("id");
    }

    private static String connectionBody(BenchDirectory directory, String name, JsonObject trust) {
        return Json.createObjectBuilder()
                .add("name", name)
                .add("flavor", "GENERIC_LDAP")
                .add("urls", Json.createArrayBuilder().add(directory.url()))
                .add("startTls", true)
                .add("trust", trust)
                .add("bindDn", BenchDirectory.ROOT_DN)
                .add("bindPassword", directory.rootPassword())
                .add("baseDn", BenchDirectory.PEOPLE)
                .add("twoFactorGroups", Json.createArrayBuilder().add(BenchDirectory.TWO_FACTOR))
                .add("schedule", Json.createObjectBuilder().add("enabled", false))
                .build().toString();
    }

    private void change(BenchDirectory directory, List<Integer> newMail, List<Integer> leaveTwoFactor, String tag)
            throws IOException, InterruptedException {
        double seconds = directory.modify(newMail, leaveTwoFactor, tag);
        System.out.printf(Locale.ROOT, "ldapmodify: %d mails replaced%s in %.2f s; waiting 1.1 s (modifyTimestamp has"
                + " one-second granularity)%n", newMail.size(), leaveTwoFactor.isEmpty() ? ""
                : ", " + leaveTwoFactor.size() + " members deleted from cn=2fa", seconds);
        Thread.sleep(1100);
    }

    /**
     * Starts a run and polls it every 200 ms until it ends: progress lines every 5 s and when the pass
     * changes, the run's own times, the CPU of appliance, database and slapd, and the heap (full GC before
     * and after, sampled and after-GC peaks in between) when {@code measureHeap}.
     */
    private Run sync(String connectionId, String mode, BenchDirectory directory, boolean measureHeap) throws Exception {
        HeapWatch.Histogram base = measureHeap ? heap.live() : null;
        heap.resetPeak();
        double applianceCpu = CpuClock.process(appliancePid);
        double dbCpu = CpuClock.tree(dbPid);
        long slapdPid = directory.slapdPid();
        double slapdCpu = CpuClock.process(slapdPid);
        double selfCpu = CpuClock.tree(SELF);
        double machineCpu = CpuClock.machineBusy();
        long fromMs = System.currentTimeMillis();
        long t0 = System.nanoTime();
        String runId = admin.call("POST", "directory/connections/" + connectionId + "/sync",
                Json.createObjectBuilder().add("mode", mode).build().toString()).expect(202).json().getString("runId");
        String lastPhase = "";
        long nextLine = t0 + 5_000_000_000L;
        long writingSeenMs = -1;
        List<String> probed = new ArrayList<>();
        HeapWatch.Histogram probe = null;
        double probePauses = 0;
        JsonObject state;
        while (true) {
            state = admin.call("GET", "directory/runs/" + runId, null).expect(200).json();
            long now = System.nanoTime();
            String progress = text(state, "progress");
            String phase = progress.contains(":") ? progress.substring(0, progress.indexOf(':')) : progress;
            if (writingSeenMs < 0 && phase.startsWith("writing")) {
                writingSeenMs = System.currentTimeMillis();
            }
            boolean running = "RUNNING".equals(state.getString("status"));
            if (running && (!phase.equals(lastPhase) || now >= nextLine)) {
                System.out.printf(Locale.ROOT, "  %6.1f s  %-40s created %6d updated %6d deactivated %4d  heap used %5.0f MiB%n",
                        (now - t0) / 1e9, progress, state.getInt("created"), state.getInt("updated"),
                        state.getInt("deactivated"), heap.usedKiB() / MIB);
                lastPhase = phase;
                if (now >= nextLine) {
                    nextLine += 5_000_000_000L;
                }
            }
            if (!running) {
                break;
            }
            if (measureHeap && !probed.contains(phase) && state.getInt("entriesRead") >= directory.users() / 2) {
                // the live heap half-way through each pass: a full GC, so this costs the run a pause (counted below)
                probed.add(phase);
                long probeMs = System.currentTimeMillis();
                HeapWatch.Histogram live = heap.live();
                if (probe == null || live.totalBytes() > probe.totalBytes()) {
                    probe = live;
                }
                probePauses += heap.pauses(probeMs, System.currentTimeMillis()).fullMillis();
                System.out.printf(Locale.ROOT, "  %6.1f s  half-way through %s: %.0f MiB live (%+.0f); grown most: %s%n",
                        (System.nanoTime() - t0) / 1e9, phase, live.kib() / MIB, (live.kib() - base.kib()) / MIB,
                        live.grownSince(base, 6));
            }
            Thread.sleep(pollMillis);
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        long untilMs = System.currentTimeMillis();
        applianceCpu = CpuClock.process(appliancePid) - applianceCpu;
        dbCpu = CpuClock.tree(dbPid) - dbCpu;
        slapdCpu = CpuClock.process(slapdPid) - slapdCpu;
        double others = CpuClock.machineBusy() - machineCpu - applianceCpu - (Double.isNaN(dbCpu) ? 0 : dbCpu) - slapdCpu
                - (CpuClock.tree(SELF) - selfCpu);
        Run run = new Run(state, wall, fromMs, untilMs, writingSeenMs, applianceCpu, dbCpu, slapdCpu, others);
        run.print();
        if (measureHeap) {
            long peak = heap.peakKiB();
            HeapWatch.Pauses pauses = heap.pauses(fromMs, untilMs);
            HeapWatch.Histogram end = heap.live();
            run.heap = new HeapFigures(base.kib(), peak, pauses, probe == null ? -1 : probe.kib(), probePauses, end.kib());
            run.heap.print();
        }
        return run;
    }

    private static void expect(Run run, int created, int updated, int deactivated) {
        JsonObject s = run.state;
        boolean as = "SUCCEEDED".equals(s.getString("status")) && s.getInt("created") == created
                && s.getInt("updated") == updated && s.getInt("deactivated") == deactivated && s.getInt("errors") == 0;
        run.asExpected = as;
        System.out.printf(Locale.ROOT, "  expected: SUCCEEDED, created %d, updated %d, deactivated %d, no errors -> %s%n",
                created, updated, deactivated, as ? "as expected" : "NOT AS EXPECTED");
    }

    private boolean report(BenchDirectory small, BenchDirectory big, Run smallFull, Run bigFull, Run unchanged, Run mail,
                           Run group, Run after, int changes) {
        System.out.printf(Locale.ROOT, "%n== Heap growth, %d vs %d users (same appliance, the smaller run first; growth ="
                + " figure minus the heap after a full GC just before the run)%n", big.users(), small.users());
        System.out.printf(Locale.ROOT, "  %-46s %10s %10s %8s%n", "", small.users() + " users", big.users() + " users", "ratio");
        HeapFigures s = smallFull.heap;
        HeapFigures b = bigFull.heap;
        row("live heap before the run, MiB", s.baseKiB, b.baseKiB, false);
        row("live half-way through a pass, growth, MiB", s.midPassGrowth(), b.midPassGrowth(), true);
        row("peak used (sampled every 200 ms), growth, MiB", s.peakGrowth(), b.peakGrowth(), true);
        row("most left by a young/mixed GC, growth, MiB", s.afterPauseGrowth(), b.afterPauseGrowth(), true);
        row("live heap at the end, growth, MiB", s.retained(), b.retained(), true);
        System.out.printf(Locale.ROOT, "  %-46s %10d %10d%n", "young/mixed GC pauses during the run",
                s.pauses.count() - s.pauses.full(), b.pauses.count() - b.pauses.full());
        double liveRatio = ratio(b.midPassGrowth(), s.midPassGrowth());
        double peakRatio = ratio(b.peakGrowth(), s.peakGrowth());
        System.out.println("  (live = objects left after a full GC (jcmd GC.class_histogram) when a pass has read half the users:"
                + " what the run holds; the sampled peak adds the garbage the young generation held until its next collection, so it"
                + " grows with the run's length and the heap the JVM allows itself, not with what the run keeps)");

        System.out.printf(Locale.ROOT, "%n== Targets%n");
        double fullSeconds = bigFull.serverSeconds();
        target("full sync of " + big.users() + " users", fullSeconds, FULL_TARGET_SECONDS, "s");
        double mailSeconds = mail.serverSeconds();
        target("incremental, " + changes + " mails changed", mailSeconds, INCREMENTAL_TARGET_SECONDS, "s");
        target("incremental, " + (changes - changes / 20) + " mails + " + changes / 20 + " out of cn=2fa",
                group.serverSeconds(), INCREMENTAL_TARGET_SECONDS, "s");
        boolean heapMet = b.midPassGrowth() / MIB <= HEAP_RATIO_LIMIT * Math.max(0, s.midPassGrowth() / MIB) + HEAP_NOISE_MIB;
        System.out.printf(Locale.ROOT, "  heap growth %d vs %d users: live half-way %+.0f vs %+.0f MiB = x%.2f (sampled peak used"
                        + " x%.2f); linear growth would be x%.0f; target: live growth <= %.0f x the small run's + %.0f MiB -> %s%n",
                big.users(), small.users(), b.midPassGrowth() / MIB, s.midPassGrowth() / MIB, liveRatio, peakRatio,
                (double) big.users() / small.users(), HEAP_RATIO_LIMIT, HEAP_NOISE_MIB, heapMet ? "MET" : "NOT MET");
        System.out.printf(Locale.ROOT, "  a full run reads the directory twice: planning %.1f s (rolled back: dry run and safety"
                + " check), writing %.1f s%n", bigFull.planningSeconds(), bigFull.writingSeconds());

        System.out.println();
        summary.add(String.format(Locale.ROOT, "full users=%d seconds=%.1f wall=%.1f users/s=%.0f planning=%.1f writing=%.1f"
                        + " created=%d status=%s others=%.2fcores target<=%.0fs %s", big.users(), fullSeconds, bigFull.wall,
                big.users() / fullSeconds, bigFull.planningSeconds(), bigFull.writingSeconds(), bigFull.state.getInt("created"),
                bigFull.state.getString("status"), bigFull.otherCpu / bigFull.wall, FULL_TARGET_SECONDS,
                verdict(fullSeconds, FULL_TARGET_SECONDS)));
        summary.add(String.format(Locale.ROOT, "full users=%d seconds=%.1f users/s=%.0f (heap comparison run, cold JIT)",
                small.users(), smallFull.serverSeconds(), small.users() / smallFull.serverSeconds()));
        summary.add(incremental("incremental-unchanged", unchanged, Double.NaN));
        summary.add(incremental("incremental-mail changes=" + changes, mail, INCREMENTAL_TARGET_SECONDS));
        summary.add(incremental("incremental-group changes=" + (changes - changes / 20) + "+" + changes / 20, group,
                INCREMENTAL_TARGET_SECONDS));
        summary.add(incremental("incremental-unchanged-after-group", after, Double.NaN));
        summary.add(String.format(Locale.ROOT, "heap %d/%d live-half-way-growth=%.0f/%.0fMiB x%.2f peak-used-growth=%.0f/%.0fMiB"
                        + " x%.2f retained=%.0f/%.0fMiB target:live<=%.0fx+%.0fMiB %s", big.users(), small.users(), b.midPassGrowth() / MIB,
                s.midPassGrowth() / MIB, liveRatio, b.peakGrowth() / MIB, s.peakGrowth() / MIB, peakRatio, b.retained() / MIB,
                s.retained() / MIB, HEAP_RATIO_LIMIT, HEAP_NOISE_MIB, heapMet ? "MET" : "NOT MET"));
        if (caRefused != null) {
            summary.add("trust.caCertificates REFUSED (\"" + caRefused + "\"): synced with pinnedSha256 instead");
        }
        boolean allAsExpected = bigFull.asExpected && mail.asExpected && group.asExpected
                && List.of(smallFull, unchanged, after).stream().allMatch(run -> "SUCCEEDED".equals(run.state.getString("status")));
        if (!allAsExpected) {
            summary.add("a run FAILED or counted NOT AS EXPECTED (see above)");
        }
        summary.forEach(line -> System.out.println("SUMMARY directory " + label + " " + line));
        return allAsExpected;
    }

    private static String incremental(String what, Run run, double target) {
        JsonObject s = run.state;
        return String.format(Locale.ROOT, "%s seconds=%.2f wall=%.2f mode=%s read=%d created=%d updated=%d deactivated=%d"
                        + " errors=%d status=%s others=%.2fcores%s", what, run.serverSeconds(), run.wall, s.getString("mode"),
                s.getInt("entriesRead"), s.getInt("created"), s.getInt("updated"), s.getInt("deactivated"),
                s.getInt("errors"), s.getString("status"), run.otherCpu / run.wall, Double.isNaN(target) ? ""
                        : String.format(Locale.ROOT, " target<=%.0fs %s", target, verdict(run.serverSeconds(), target)));
    }

    private static String verdict(double value, double limit) {
        return value <= limit ? "MET" : String.format(Locale.ROOT, "NOT-MET(+%.1fs,x%.2f)", value - limit, value / limit);
    }

    private static void target(String what, double value, double limit, String unit) {
        System.out.printf(Locale.ROOT, "  %-52s %8.2f %s (target <= %.0f %s) -> %s%n", what, value, unit, limit, unit,
                value <= limit ? "MET" : String.format(Locale.ROOT, "NOT MET: %.1f %s over, %.2f x the target",
                        value - limit, unit, value / limit));
    }

    private static void row(String what, double smallKiB, double bigKiB, boolean ratio) {
        System.out.printf(Locale.ROOT, "  %-46s %10.0f %10.0f %8s%n", what, smallKiB / MIB, bigKiB / MIB,
                ratio ? String.format(Locale.ROOT, "x%.2f", ratio(bigKiB, smallKiB)) : "");
    }

    private static double ratio(double big, double small) {
        return small <= 0 ? Double.NaN : big / small;
    }

    private static String text(JsonObject object, String name) {
        JsonValue value = object.get(name);
        return value instanceof jakarta.json.JsonString string ? string.getString() : "";
    }

    private static long epochMs(JsonObject object, String name) {
        String value = text(object, name);
        return value.isEmpty() ? -1 : OffsetDateTime.parse(value.replaceFirst("\\[.*]$", "")).toInstant().toEpochMilli();
    }

    /**
     * Heap of one run (KiB): live before, the sampled peak (live and garbage), the GC pauses, the most live heap
     * found half-way through a pass (-1 if none; the full GCs for it paused the run {@code probeMillis}), live
     * at the end.
     */
    record HeapFigures(long baseKiB, long peakKiB, HeapWatch.Pauses pauses, long midPassKiB, double probeMillis, long endKiB) {
        double peakGrowth() {
            return peakKiB - baseKiB;
        }

        /** The most heap a young or mixed collection left, the half-way full GCs not counted. */
        double afterPauseGrowth() {
            return pauses.count() == pauses.full() ? Double.NaN : pauses.maxAfterYoungKiB() - baseKiB;
        }

        double midPassGrowth() {
            return midPassKiB < 0 ? Double.NaN : midPassKiB - baseKiB;
        }

        double retained() {
            return endKiB - baseKiB;
        }

        void print() {
            System.out.printf(Locale.ROOT, "  heap: %.0f MiB live before; live half-way through a pass %s;"
                            + " peak used (sampled) %.0f MiB (+%.0f); %d GC pauses besides, most left after one %s;"
                            + " %.0f MiB live at the end (%+.0f)%n",
                    baseKiB / MIB, midPassKiB < 0 ? "-" : String.format(Locale.ROOT, "%.0f MiB (%+.0f; its full GCs paused"
                            + " the run %.0f ms)", midPassKiB / MIB, midPassGrowth() / MIB, probeMillis),
                    peakKiB / MIB, peakGrowth() / MIB, pauses.count() - pauses.full(),
                    Double.isNaN(afterPauseGrowth()) ? "-" : String.format(Locale.ROOT, "%.0f MiB (%+.0f)",
                            pauses.maxAfterYoungKiB() / MIB, afterPauseGrowth() / MIB), endKiB / MIB, retained() / MIB);
        }
    }

    /** One run as the appliance reported it at its end, with what the benchmark measured around it. */
    private static final class Run {
        final JsonObject state;
        final double wall;
        final long fromMs;
        final long untilMs;
        final long writingSeenMs;
        final double applianceCpu;
        final double dbCpu;
        final double slapdCpu;
        final double otherCpu;
        HeapFigures heap;
        boolean asExpected = true;

        Run(JsonObject state, double wall, long fromMs, long untilMs, long writingSeenMs, double applianceCpu, double dbCpu,
            double slapdCpu, double otherCpu) {
            this.otherCpu = otherCpu;
            this.state = state;
            this.wall = wall;
            this.fromMs = fromMs;
            this.untilMs = untilMs;
            this.writingSeenMs = writingSeenMs;
            this.applianceCpu = applianceCpu;
            this.dbCpu = dbCpu;
            this.slapdCpu = slapdCpu;
        }

        double serverSeconds() {
            return (epochMs(state, "endedAt") - epochMs(state, "startedAt")) / 1000.0;
        }

        /** From the run's start to the first poll that saw the writing pass (so up to one poll interval late). */
        double planningSeconds() {
            return writingSeenMs < 0 ? Double.NaN : (writingSeenMs - epochMs(state, "startedAt")) / 1000.0;
        }

        double writingSeconds() {
            return writingSeenMs < 0 ? Double.NaN : (epochMs(state, "endedAt") - writingSeenMs) / 1000.0;
        }

        void print() {
            JsonObject s = state;
            double seconds = serverSeconds();
            System.out.printf(Locale.ROOT, "  %s, mode %s: read %d, created %d, updated %d, deactivated %d, reactivated %d,"
                            + " errors %d%s%n", s.getString("status"), s.getString("mode"), s.getInt("entriesRead"),
                    s.getInt("created"), s.getInt("updated"), s.getInt("deactivated"), s.getInt("reactivated"),
                    s.getInt("errors"), text(s, "message").isEmpty() ? "" : "; message: " + text(s, "message"));
            System.out.printf(Locale.ROOT, "  time: %.2f s by the run's startedAt/endedAt, %.2f s wall clock (POST to the poll"
                            + " that saw it end); %.0f entries read/s%n", seconds, wall, s.getInt("entriesRead") / seconds);
            if (writingSeenMs >= 0 && seconds >= 2) {
                System.out.printf(Locale.ROOT, "  passes: planning %.1f s (%.0f entries/s), writing %.1f s (%.0f entries/s)"
                                + " (split at the first poll showing \"writing\", +-%.1f s)%n", planningSeconds(),
                        s.getInt("entriesRead") / planningSeconds(), writingSeconds(), s.getInt("entriesRead") / writingSeconds(),
                        0.2);
            }
            System.out.printf(Locale.ROOT, "  CPU: appliance %.1f s (%.2f cores)%s, slapd %.1f s (%.2f cores), other processes"
                            + " %.2f cores; epoch ms %d-%d%n", applianceCpu, applianceCpu / wall, Double.isNaN(dbCpu) ? ""
                            : String.format(Locale.ROOT, ", PostgreSQL %.1f s (%.2f cores)", dbCpu, dbCpu / wall),
                    slapdCpu, slapdCpu / wall, otherCpu / wall, fromMs, untilMs);
            if (otherCpu / wall > 0.1) {
                System.out.printf(Locale.ROOT, "  WARNING: other processes took %.2f cores meanwhile: this run's times are too"
                        + " long%n", otherCpu / wall);
            }
        }
    }
}
