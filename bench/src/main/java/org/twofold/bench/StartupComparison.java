package org.twofold.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Launch→ready time and idle memory of the same Payara Micro jar running (a) an empty WAR (built here:
 * an index.html at context root /, nothing else) and (b) twofold.war on H2, each with a fresh working and
 * data directory. Ready means the first HTTP 200: {@code /} for the empty WAR, {@code /health/ready} for
 * Twofold. After {@code --idle} seconds (default 10) the VmRSS of the JVM process is read from /proc.
 *
 * <pre>
 * java -cp ... org.twofold.bench.StartupComparison --payara=target/payara-micro.jar --war=target/twofold.war
 *     [--runs=1] [--idle=10] [--java-opts="-Xmx512m"]
 * </pre>
 */
public final class StartupComparison {

    static final double TARGET_EXTRA_SECONDS = 5;
    /** The target says 150 MB; VmRSS is in KiB, so compare in bytes: 150e6 B = 143.1 MiB. */
    static final double TARGET_EXTRA_MIB = 150e6 / (1024 * 1024);
    private static final Pattern PAYARA_READY = Pattern.compile("ready in ([\\d,.]+) \\(ms\\)");
    private static final Pattern DEPLOYED = Pattern.compile("was successfully deployed in ([\\d,.]+) milliseconds");

    record Boot(String name, double readySeconds, double payaraReportedSeconds, double deploySeconds,
                double bootCpuSeconds, double idleRssMiB, double peakRssMiB, double otherCores,
                java.util.Map<String, Double> bootThreads) {
    }

    public static void main(String[] args) throws Exception {
        Options options = new Options(args);
        Path payara = Path.of(options.required("payara")).toAbsolutePath();
        Path war = Path.of(options.required("war")).toAbsolutePath();
        int runs = options.integer("runs", 1);
        int idle = options.integer("idle", 10);
        List<String> javaOpts = options.text("java-opts", "").isBlank() ? List.of()
                : Arrays.asList(options.text("java-opts", "").trim().split("\\s+"));
        Path work = Files.createTempDirectory("twofold-startup-");
        Path emptyWar = buildEmptyWar(work.resolve("empty.war"));

        System.out.printf(Locale.ROOT, "== Startup: same Payara Micro (%s), %d run(s), RSS after %d s idle, JVM options %s%n",
                payara.getFileName(), runs, idle, javaOpts.isEmpty() ? "(none)" : javaOpts);
        List<Boot> empties = new ArrayList<>();
        List<Boot> twofolds = new ArrayList<>();
        try {
            for (int run = 1; run <= runs; run++) {
                empties.add(boot("empty WAR", payara, emptyWar, "/", javaOpts, work.resolve("empty-" + run), idle));
                print(empties.get(empties.size() - 1));
                twofolds.add(boot("twofold.war (H2)", payara, war, "/health/ready", javaOpts, work.resolve("twofold-" + run), idle));
                print(twofolds.get(twofolds.size() - 1));
            }
        } finally {
            deleteRecursively(work);
        }
        Boot empty = median(empties);
        Boot twofold = median(twofolds);
        double extraSeconds = twofold.readySeconds() - empty.readySeconds();
        double extraMiB = twofold.idleRssMiB() - empty.idleRssMiB();
        System.out.printf(Locale.ROOT, "%s%n", runs > 1 ? "medians:" : "");
        System.out.printf(Locale.ROOT, "launch->ready   empty %6.1f s   twofold %6.1f s   difference %+6.1f s   (target <= +%.0f s: %s)%n",
                empty.readySeconds(), twofold.readySeconds(), extraSeconds, TARGET_EXTRA_SECONDS,
                extraSeconds <= TARGET_EXTRA_SECONDS ? "MET" : "NOT MET");
        System.out.printf(Locale.ROOT, "idle RSS        empty %6.0f MiB twofold %6.0f MiB difference %+6.0f MiB = %+.0f MB (target <= +150 MB: %s)%n",
                empty.idleRssMiB(), twofold.idleRssMiB(), extraMiB, extraMiB * 1.048576,
                extraMiB <= TARGET_EXTRA_MIB ? "MET" : "NOT MET");
        System.out.printf(Locale.ROOT, "boot CPU        empty %6.1f s   twofold %6.1f s   difference %+6.1f s%n",
                empty.bootCpuSeconds(), twofold.bootCpuSeconds(), twofold.bootCpuSeconds() - empty.bootCpuSeconds());
        System.out.printf(Locale.ROOT, "WAR deployment  empty %6.1f s   twofold %6.1f s   difference %+6.1f s   (as Payara logs it)%n",
                empty.deploySeconds(), twofold.deploySeconds(), twofold.deploySeconds() - empty.deploySeconds());
        printThreads(empty, twofold);
        System.out.printf(Locale.ROOT, "%nSUMMARY startup empty-ready=%.1f twofold-ready=%.1f extra-s=%.1f empty-rss=%.0f twofold-rss=%.0f extra-mib=%.0f%n",
                empty.readySeconds(), twofold.readySeconds(), extraSeconds, empty.idleRssMiB(), twofold.idleRssMiB(), extraMiB);
    }

    static void print(Boot boot) {
        System.out.printf(Locale.ROOT, "  %-17s ready after %5.1f s (Payara: ready in %5.1f s, deploy %4.1f s), boot CPU %5.1f s, idle RSS %5.0f MiB (peak %5.0f MiB); other processes used %.2f cores meanwhile%n",
                boot.name(), boot.readySeconds(), boot.payaraReportedSeconds(), boot.deploySeconds(), boot.bootCpuSeconds(),
                boot.idleRssMiB(), boot.peakRssMiB(), boot.otherCores());
    }

    static Boot boot(String name, Path payara, Path war, String readyPath, List<String> javaOpts, Path dir, int idleSeconds)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaOpts);
        command.addAll(List.of("-jar", payara.toString(), "--nocluster", "--deploy", war.toString(),
                "--port", Integer.toString(port)));
        Path log = dir.resolve("payara.log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("TWOFOLD_DATA_DIR", dir.resolve("data").toString());
        builder.environment().put("TWOFOLD_ADMIN_INITIAL_PASSWORD", "startup-benchmark-" + port);
        URI ready = URI.create("http://127.0.0.1:" + port + readyPath);
        double machineBefore = CpuClock.machineBusy();
        double selfBefore = CpuClock.self();
        long started = System.nanoTime();
        Process process = builder.start();
        try {
            long deadline = started + TimeUnit.MINUTES.toNanos(5);
            while (!answers200(ready)) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException(name + " did not become ready; log " + log + ":\n" + tail(log));
                }
                Thread.sleep(100);
            }
            double readySeconds = (System.nanoTime() - started) / 1e9;
            double bootCpu = CpuClock.process(process.pid());
            java.util.Map<String, Double> bootThreads = CpuClock.threadGroups(process.pid());
            // what other processes took from the cores while this one booted (this JVM's polling aside)
            double otherCores = (CpuClock.machineBusy() - machineBefore - bootCpu - (CpuClock.self() - selfBefore))
                    / readySeconds;
            Thread.sleep(idleSeconds * 1000L);
            return new Boot(name, readySeconds, logged(log, PAYARA_READY), logged(log, DEPLOYED), bootCpu,
                    CpuClock.rssMiB(process.pid(), "VmRSS"), CpuClock.rssMiB(process.pid(), "VmHWM"), otherCores, bootThreads);
        } finally {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** "Payara Micro ... ready in 14,352 (ms)" or "... deployed in 7,365 milliseconds" from the log, in seconds. */
    static double logged(Path log, Pattern pattern) throws IOException {
        Matcher matcher = pattern.matcher(Files.readString(log, StandardCharsets.UTF_8));
        return matcher.find() ? Double.parseDouble(matcher.group(1).replaceAll("[,.]", "")) / 1000 : Double.NaN;
    }

    /** A WAR with nothing but a static page at context root / (so it answers / with 200 once deployed). */
    static Path buildEmptyWar(Path war) throws IOException {
        try (OutputStream file = Files.newOutputStream(war); ZipOutputStream zip = new ZipOutputStream(file)) {
            entry(zip, "index.html", "<!DOCTYPE html><title>empty</title><p>empty</p>\n");
            entry(zip, "WEB-INF/web.xml", """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                    </web-app>
                    """);
            entry(zip, "WEB-INF/glassfish-web.xml", """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <!DOCTYPE glassfish-web-app PUBLIC "-//GlassFish.org//DTD GlassFish Application Server 3.1 Servlet 3.0//EN"
                            "http://glassfish.org/dtds/glassfish-web-app_3_0-1.dtd">
                    <glassfish-web-app><context-root>/</context-root></glassfish-web-app>
                    """);
        }
        return war;
    }

    private static void entry(ZipOutputStream zip, String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    static Boot median(List<Boot> boots) {
        return new Boot(boots.get(0).name(), median(boots, Boot::readySeconds), median(boots, Boot::payaraReportedSeconds),
                median(boots, Boot::deploySeconds),
                median(boots, Boot::bootCpuSeconds), median(boots, Boot::idleRssMiB), median(boots, Boot::peakRssMiB),
                median(boots, Boot::otherCores), medianThreads(boots));
    }

    private static java.util.Map<String, Double> medianThreads(List<Boot> boots) {
        java.util.Map<String, Double> medians = new java.util.HashMap<>();
        boots.stream().flatMap(boot -> boot.bootThreads().keySet().stream()).distinct().forEach(name ->
                medians.put(name, median(boots, boot -> boot.bootThreads().getOrDefault(name, 0.0))));
        return medians;
    }

    /** Boot CPU by thread group (JIT compilers, GC, main, ...), Twofold next to empty. */
    static void printThreads(Boot empty, Boot twofold) {
        System.out.println("boot CPU by thread group (s; empty / twofold / difference):");
        java.util.Set<String> names = new java.util.HashSet<>(empty.bootThreads().keySet());
        names.addAll(twofold.bootThreads().keySet());
        names.stream().sorted(java.util.Comparator.comparingDouble((String name) ->
                        twofold.bootThreads().getOrDefault(name, 0.0)).reversed()).limit(8)
                .forEach(name -> System.out.printf(Locale.ROOT, "  %-16s %5.1f / %5.1f / %+5.1f%n", name.trim(),
                        empty.bootThreads().getOrDefault(name, 0.0), twofold.bootThreads().getOrDefault(name, 0.0),
                        twofold.bootThreads().getOrDefault(name, 0.0) - empty.bootThreads().getOrDefault(name, 0.0)));
    }

    private static double median(List<Boot> boots, java.util.function.ToDoubleFunction<Boot> value) {
        double[] values = boots.stream().mapToDouble(value).sorted().toArray();
        return values.length % 2 == 1 ? values[values.length / 2]
                : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    }

    static boolean answers200(URI uri) {
        try {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(2000);
            try {
                return connection.getResponseCode() == 200;
            } finally {
                connection.disconnect();
            }
        } catch (IOException notYet) {
            return false;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
