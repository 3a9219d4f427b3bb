package org.twofold.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.twofold.simulator.Appliance;
import org.twofold.simulator.DeviceSimulator;

/**
 * Full 2FA logins against a running appliance, as fast as N simulated phones can approve them.
 *
 * <p>Setup: one relying party, N identities, each with one enrolled {@link DeviceSimulator} (real P-256
 * key). Then N worker threads, each for its own user, loop: RP starts a login → the device reads its
 * inbox and finds it (with the display number among the choices) → the device approves, signed → the RP
 * sees APPROVED. A login counts when all four calls answered as PROTOCOL.md says; anything else is an
 * error (and the session is cancelled so it does not block the identity's 5 pending slots).
 *
 * <p>Afterwards the same JVM measures raw ECDSA P-256 verifications/s on all cores and prints the ratio.
 *
 * <pre>
 * java -cp ... org.twofold.bench.LoginBenchmark --url=http://127.0.0.1:8080/ --admin-password=... \
 *     [--devices=8] [--warmup=150] [--duration=30] [--appliance-pid=PID] [--db-pid=PID] [--verify-seconds=5]
 * </pre>
 */
public final class LoginBenchmark {

    static final String[] STEPS = {"start", "inbox", "decide", "status"};

    private final Appliance appliance;
    private final int devices;
    private final double warmupSeconds;
    private final double durationSeconds;
    private final long appliancePid;
    private final long dbPid;

    private final Map<String, AtomicLong> errorKinds = new ConcurrentHashMap<>();
    private final AtomicLong warmupErrors = new AtomicLong();
    private final AtomicLong measuredErrors = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();

    LoginBenchmark(Appliance appliance, int devices, double warmupSeconds, double durationSeconds,
                   long appliancePid, long dbPid) {
        this.appliance = appliance;
        this.devices = devices;
        this.warmupSeconds = warmupSeconds;
        this.durationSeconds = durationSeconds;
        this.appliancePid = appliancePid;
        this.dbPid = dbPid;
    }

    public static void main(String[] args) throws Exception {
        Options options = new Options(args);
        String url = options.required("url");
        String password = options.text("admin-password", System.getenv("TWOFOLD_ADMIN_INITIAL_PASSWORD"));
        if (password == null) {
            throw new IllegalArgumentException("Missing --admin-password (or TWOFOLD_ADMIN_INITIAL_PASSWORD)");
        }
        String label = options.text("label", "");
        LoginBenchmark benchmark = new LoginBenchmark(new Appliance(url), options.integer("devices", 8),
                Double.parseDouble(options.text("warmup", "150")), Double.parseDouble(options.text("duration", "30")),
                options.pid("appliance-pid"), options.pid("db-pid"));

        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "== Login benchmark %s%n", label.isEmpty() ? "" : "(" + label + ")");
        System.out.printf(Locale.ROOT, "appliance %s, %d devices, warm-up %.0f s, measure %.0f s, %d cores (%s), %s%n",
                url, benchmark.devices, benchmark.warmupSeconds, benchmark.durationSeconds, cores, cpuModel(),
                Instant.now());

        List<Worker> workers = benchmark.setUp(options.text("admin-user", "admin"), password);
        Measured measured = benchmark.run(workers);
        measured.print(cores);

        double verifySeconds = Double.parseDouble(options.text("verify-seconds", "5"));
        System.out.printf(Locale.ROOT, "%n== Raw ECDSA P-256 verify (%s), same JVM, %d threads, %.0f s%n",
                EcdsaVerifyBenchmark.ALGORITHM, cores, verifySeconds);
        EcdsaVerifyBenchmark.Result verify = EcdsaVerifyBenchmark.run(cores, 3, verifySeconds);
        System.out.printf(Locale.ROOT, "verifies/s            %10.0f  (%.0f per thread; whole machine %.0f%% busy meanwhile)%n",
                verify.perSecond(), verify.perSecond() / cores,
                100 * verify.machineBusySeconds() / verify.seconds() / cores);
        System.out.printf(Locale.ROOT, "CPU per verify        %10.3f ms  (so %.0f verifies/s with all %d cores to itself)%n",
                verify.cpuMsPerVerify(), verify.perSecondIfAlone(), cores);
        if (verify.otherCores() > 0.1) {
            System.out.printf(Locale.ROOT, "WARNING: other processes took %.2f cores during the verify measurement:"
                    + " verifies/s is understated and the measured ratio overstated; trust the CPU-normalized ratio%n",
                    verify.otherCores());
        }

        double ratio = measured.loginsPerSecond() / verify.perSecond();
        System.out.printf(Locale.ROOT, "%n== Ratio (target: logins/s >= 0.30 x verifies/s)%n");
        System.out.printf(Locale.ROOT, "measured              %10.4f  = %.1f logins/s / %.0f verifies/s -> %s%n",
                ratio, measured.loginsPerSecond(), verify.perSecond(), ratio >= 0.30 ? "MET" : "NOT MET");
        double normalized = Double.NaN;
        if (!Double.isNaN(measured.applianceCpu()) && measured.logins() > 0) {
            double serverMsPerLogin = 1000.0 * measured.serverCpu() / measured.logins();
            normalized = verify.cpuMsPerVerify() / serverMsPerLogin;
            System.out.printf(Locale.ROOT, "CPU-normalized        %10.4f  = one login costs %.2f ms %s CPU = %.1f verifies; "
                            + "alone on %d cores ~%.0f logins/s -> %s%n",
                    normalized, serverMsPerLogin, Double.isNaN(measured.dbCpu()) ? "appliance" : "appliance+PostgreSQL",
                    serverMsPerLogin / verify.cpuMsPerVerify(), cores, cores * 1000.0 / serverMsPerLogin,
                    normalized >= 0.30 ? "MET" : "NOT MET");
            System.out.println("  (CPU-normalized leaves out the load generator and other processes on this machine;"
                    + " the target needs a login to cost <= 3.3 verifies of server CPU)");
        }
        System.out.printf(Locale.ROOT, "%nSUMMARY %s logins/s=%.1f p50=%.1f p95=%.1f p99=%.1f max=%.1f errors=%d verifies/s=%.0f ratio=%.4f normalized-ratio=%.4f%n",
                label.isEmpty() ? "-" : label, measured.loginsPerSecond(), measured.p(50), measured.p(95), measured.p(99),
                measured.p(100), benchmark.measuredErrors.get(), verify.perSecond(), ratio, normalized);
        System.exit(benchmark.measuredErrors.get() == 0 && measured.logins() > 0 ? 0 : 1);
    }

    /** One relying party, and per device an identity with an enrolled phone. */
    List<Worker> setUp(String adminUser, String password) {
        long started = System.nanoTime();
        Appliance.Operator admin = appliance.operator(adminUser, password);
        String run = UUID.randomUUID().toString().substring(0, 8);
        Appliance.RelyingParty party = admin.createRelyingParty("bench-" + run);
        List<Worker> workers = new ArrayList<>();
        for (int i = 0; i < devices; i++) {
            String user = "bench-" + run + "-" + i;
            String code = admin.createIdentity(user, user + "@bench.test").expect(201).json().getString("activationCode");
            DeviceSimulator phone = appliance.newDevice("bench phone " + i);
            phone.enroll(code).expect(201);
            workers.add(new Worker(user, party, phone));
        }
        System.out.printf(Locale.ROOT, "setup: 1 relying party, %d identities with enrolled devices in %.1f s%n",
                devices, (System.nanoTime() - started) / 1e9);
        return workers;
    }

    Measured run(List<Worker> workers) throws InterruptedException {
        long begin = System.nanoTime();
        long measureFrom = begin + (long) (warmupSeconds * 1e9);
        long measureUntil = measureFrom + (long) (durationSeconds * 1e9);
        List<Thread> threads = new ArrayList<>();
        for (Worker worker : workers) {
            Thread thread = new Thread(() -> worker.loop(measureFrom, measureUntil), "login-" + worker.user);
            threads.add(thread);
            thread.start();
        }
        Thread progress = new Thread(() -> progress(begin, measureFrom, measureUntil), "progress");
        progress.setDaemon(true);
        progress.start();
        sleepUntil(measureFrom);
        Snapshot before = Snapshot.take(appliancePid, dbPid);
        long windowFrom = System.currentTimeMillis();
        sleepUntil(measureUntil);
        Snapshot after = Snapshot.take(appliancePid, dbPid);
        // run.sh --jfr hands this to JfrHotspots, so the profile covers the measured window only
        System.out.printf(Locale.ROOT, "WINDOW %d %d (epoch ms of the measured window)%n", windowFrom, System.currentTimeMillis());
        for (Thread thread : threads) {
            thread.join();
        }
        Measured measured = new Measured(durationSeconds, before, after);
        for (Worker worker : workers) {
            measured.total.addAll(worker.latencies);
            for (int s = 0; s < STEPS.length; s++) {
                measured.steps[s].addAll(worker.stepLatencies[s]);
            }
        }
        return measured;
    }

    /** Every 5 s: logins/s and appliance CPU per login so far, to show when the JIT has settled. */
    private void progress(long begin, long measureFrom, long measureUntil) {
        long step = 5_000_000_000L;
        long lastCount = completed.get();
        double lastCpu = CpuClock.process(appliancePid) + (dbPid > 0 ? CpuClock.tree(dbPid) : 0);
        try {
            for (long at = begin + step; at <= measureUntil + step / 2; at += step) {
                sleepUntil(at);
                long count = completed.get();
                double cpu = CpuClock.process(appliancePid) + (dbPid > 0 ? CpuClock.tree(dbPid) : 0);
                System.out.printf(Locale.ROOT, "  %s %4.0f s: %6.1f logins/s, server %5.1f ms CPU per login%n",
                        at <= measureFrom ? "warm-up" : "measure", (at - begin) / 1e9, (count - lastCount) / 5.0,
                        count == lastCount ? Double.NaN : 1000 * (cpu - lastCpu) / (count - lastCount));
                lastCount = count;
                lastCpu = cpu;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, left / 1_000_000), 0);
        }
    }

    /** One user's phone and the RP logging that user in, again and again. */
    final class Worker {
        final String user;
        final Appliance.RelyingParty party;
        final DeviceSimulator phone;
        final LongSamples latencies = new LongSamples();
        final LongSamples[] stepLatencies = {new LongSamples(), new LongSamples(), new LongSamples(), new LongSamples()};

        Worker(String user, Appliance.RelyingParty party, DeviceSimulator phone) {
            this.user = user;
            this.party = party;
            this.phone = phone;
        }

        void loop(long measureFrom, long measureUntil) {
            long[] step = new long[STEPS.length];
            int n = 0;
            int consecutiveFailures = 0;
            while (System.nanoTime() < measureUntil) {
                long t0 = System.nanoTime();
                String sessionId = null;
                try {
                    JsonObject started = party.startLogin(user, "bench login " + (n++)).expect(201).json();
                    sessionId = started.getString("id");
                    String number = started.getString("displayNumber");
                    long t1 = System.nanoTime();

                    JsonObject item = pendingItem(phone.inbox().expect(200).json(), sessionId);
                    if (!item.getJsonArray("choices").getValuesAs(JsonString.class).stream()
                            .anyMatch(choice -> choice.getString().equals(number))) {
                        throw new AssertionError("display number " + number + " not among the device's choices " + item);
                    }
                    long t2 = System.nanoTime();

                    String decided = phone.decide(sessionId, "APPROVE", number).expect(200).json().getString("status");
                    expectApproved("decision", decided);
                    long t3 = System.nanoTime();

                    expectApproved("RP status", party.status(sessionId).expect(200).json().getString("status"));
                    long t4 = System.nanoTime();
                    completed.incrementAndGet();

                    if (t4 >= measureFrom && t4 < measureUntil) {
                        latencies.add(t4 - t0);
                        step[0] = t1 - t0;
                        step[1] = t2 - t1;
                        step[2] = t3 - t2;
                        step[3] = t4 - t3;
                        for (int s = 0; s < STEPS.length; s++) {
                            stepLatencies[s].add(step[s]);
                        }
                    }
                } catch (RuntimeException | AssertionError failure) {
                    long at = System.nanoTime();
                    if (at >= measureFrom && at < measureUntil) {
                        measuredErrors.incrementAndGet();
                    } else {
                        warmupErrors.incrementAndGet();
                    }
                    String kind = String.valueOf(failure.getMessage());
                    errorKinds.computeIfAbsent(kind.length() > 300 ? kind.substring(0, 300) : kind, k -> new AtomicLong())
                            .incrementAndGet();
                    cancelQuietly(sessionId);
                    if (++consecutiveFailures >= 100) {
                        System.err.println("login-" + user + ": 100 failures in a row, giving up: " + failure);
                        return;
                    }
                    pause(Math.min(1000, 10L * consecutiveFailures));
                    continue;
                }
                consecutiveFailures = 0;
            }
        }

        private void pause(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private JsonObject pendingItem(JsonObject inbox, String sessionId) {
            for (JsonValue value : inbox.getJsonArray("pending")) {
                JsonObject item = value.asJsonObject();
                if ("AUTH".equals(item.getString("type", null)) && sessionId.equals(item.getString("id", null))) {
                    return item;
                }
            }
            throw new AssertionError("login " + sessionId + " is not in the device's inbox: " + inbox);
        }

        private void expectApproved(String what, String status) {
            if (!"APPROVED".equals(status)) {
                throw new AssertionError(what + " says " + status + ", not APPROVED");
            }
        }

        private void cancelQuietly(String sessionId) {
            if (sessionId != null) {
                try {
                    party.cancel(sessionId);
                } catch (RuntimeException ignored) {
                    // the next login will tell whether the appliance is still there
                }
            }
        }
    }

    /** CPU clocks at one instant. */
    record Snapshot(long nanoTime, double self, double appliance, double db, double machine,
                    Map<String, Double> applianceThreads) {
        static Snapshot take(long appliancePid, long dbPid) {
            return new Snapshot(System.nanoTime(), CpuClock.self(), CpuClock.process(appliancePid),
                    CpuClock.tree(dbPid), CpuClock.machineBusy(), CpuClock.threadGroups(appliancePid));
        }
    }

    /** What the measurement window produced. */
    final class Measured {
        final double seconds;
        final Snapshot before;
        final Snapshot after;
        final LongSamples total = new LongSamples();
        final LongSamples[] steps = {new LongSamples(), new LongSamples(), new LongSamples(), new LongSamples()};
        private long[] sorted;

        Measured(double seconds, Snapshot before, Snapshot after) {
            this.seconds = seconds;
            this.before = before;
            this.after = after;
        }

        long logins() {
            return total.size();
        }

        double loginsPerSecond() {
            return logins() / seconds;
        }

        double p(double percentile) {
            if (sorted == null) {
                sorted = total.sorted();
            }
            return LongSamples.percentileMs(sorted, percentile);
        }

        double wall() {
            return (after.nanoTime() - before.nanoTime()) / 1e9;
        }

        double applianceCpu() {
            return after.appliance() - before.appliance();
        }

        double dbCpu() {
            return after.db() - before.db();
        }

        /** Appliance plus database (when a database pid was given). */
        double serverCpu() {
            return applianceCpu() + (Double.isNaN(dbCpu()) ? 0 : dbCpu());
        }

        void print(int cores) {
            System.out.printf(Locale.ROOT, "%nlogins                %10d  in %.1f s%n", logins(), seconds);
            System.out.printf(Locale.ROOT, "logins/s              %10.1f%n", loginsPerSecond());
            System.out.printf(Locale.ROOT, "latency of a whole login (ms): p50 %.1f  p95 %.1f  p99 %.1f  max %.1f%n",
                    p(50), p(95), p(99), p(100));
            StringBuilder stepLine = new StringBuilder("  per call p50 / mean (ms):");
            for (int s = 0; s < STEPS.length; s++) {
                long[] sortedStep = steps[s].sorted();
                stepLine.append(String.format(Locale.ROOT, "  %s %.1f / %.1f", STEPS[s],
                        LongSamples.percentileMs(sortedStep, 50), LongSamples.meanMs(sortedStep)));
            }
            System.out.println(stepLine);
            System.out.printf(Locale.ROOT, "errors                %10d  (measured window; %d more during warm-up)%n",
                    measuredErrors.get(), warmupErrors.get());
            errorKinds.entrySet().stream().limit(5).forEach(e ->
                    System.out.printf(Locale.ROOT, "  %dx %s%n", e.getValue().get(), e.getKey()));

            double wall = wall();
            double capacity = wall * cores;
            System.out.printf(Locale.ROOT, "CPU during the window (%.1f s wall x %d cores = %.1f core-s):%n", wall, cores, capacity);
            printCpu("load generator (this JVM)", after.self() - before.self(), wall, capacity);
            printCpu("appliance" + (appliancePid > 0 ? " (pid " + appliancePid + ")" : " (no --appliance-pid)"),
                    applianceCpu(), wall, capacity);
            if (dbPid > 0) {
                printCpu("PostgreSQL (pid " + dbPid + " + backends)", dbCpu(), wall, capacity);
            }
            double machine = after.machine() - before.machine();
            double known = (after.self() - before.self()) + (Double.isNaN(applianceCpu()) ? 0 : applianceCpu())
                    + (Double.isNaN(dbCpu()) ? 0 : dbCpu());
            printCpu("other processes (e.g. parallel builds)", machine - known, wall, capacity);
            printCpu("whole machine busy", machine, wall, capacity);
            printApplianceThreads(cores);
            if ((machine - known) / wall > 0.1) {
                System.out.printf(Locale.ROOT, "WARNING: other processes took %.2f cores during the window;"
                        + " logins/s is understated%n", (machine - known) / wall);
            }
        }

        /** Where the appliance's CPU went by thread group: request threads vs JIT compiler vs GC. */
        private void printApplianceThreads(int cores) {
            if (after.applianceThreads().isEmpty() || logins() == 0) {
                return;
            }
            Map<String, Double> used = new java.util.HashMap<>();
            after.applianceThreads().forEach((name, seconds) ->
                    used.put(name, seconds - before.applianceThreads().getOrDefault(name, 0.0)));
            StringBuilder line = new StringBuilder("  appliance threads, ms CPU per login:");
            used.entrySet().stream().filter(e -> e.getValue() > 0.005 * applianceCpu())
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(8)
                    .forEach(e -> line.append(String.format(Locale.ROOT, "  %s %.2f", e.getKey().trim(),
                            1000 * e.getValue() / logins())));
            System.out.println(line);
        }

        private void printCpu(String who, double cpuSeconds, double wall, double capacity) {
            if (Double.isNaN(cpuSeconds)) {
                System.out.printf(Locale.ROOT, "  %-42s  n/a%n", who);
            } else {
                System.out.printf(Locale.ROOT, "  %-42s %7.1f CPU-s = %4.2f cores = %5.1f%% of the machine%n",
                        who, cpuSeconds, cpuSeconds / wall, 100 * cpuSeconds / capacity);
            }
        }
    }

    static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                    .findFirst().map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse("unknown CPU");
        } catch (java.io.IOException e) {
            return "unknown CPU";
        }
    }
}
