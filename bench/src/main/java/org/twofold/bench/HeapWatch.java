package org.twofold.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The heap of another JVM (the appliance), three ways:
 * <ul>
 * <li>used heap sampled every 200 ms by {@code jstat -gc PID 200} (S0U+S1U+EU+OU: live data plus the garbage
 * not yet collected, so its peak mostly says how big the young generation was allowed to grow);</li>
 * <li>the heap after every GC pause, from the appliance's own GC log, switched on at run time with
 * {@code jcmd PID VM.log what=gc} (live data plus old-generation garbage not yet collected);</li>
 * <li>the live heap on demand, by class: {@code jcmd PID GC.class_histogram} (after a full GC).</li>
 * </ul>
 */
final class HeapWatch implements AutoCloseable {

    private static final Pattern HISTOGRAM_ROW = Pattern.compile("^\\s*\\d+:\\s+\\d+\\s+(\\d+)\\s+(\\S+)");
    private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("^Total\\s+\\d+\\s+(\\d+)");
    private static final Pattern GC_LINE = Pattern.compile("^\\[(\\d+)ms\\].*GC\\(\\d+\\) (Pause [A-Za-z]+).*?"
            + " (\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\) ([0-9.]+)ms");

    private final long pid;
    private final Path gcLog;
    private final Process jstat;
    private volatile long lastKiB = -1;
    private volatile long peakKiB = -1;

    /** Pauses of one window: how many, of which full, the most heap a young or mixed one left, the full ones' ms. */
    record Pauses(int count, int full, long maxAfterYoungKiB, double fullMillis) {
    }

    private HeapWatch(long pid, Path gcLog, Process jstat) {
        this.pid = pid;
        this.gcLog = gcLog;
        this.jstat = jstat;
        Thread reader = new Thread(this::readJstat, "jstat-reader");
        reader.setDaemon(true);
        reader.start();
    }

    static HeapWatch start(long pid, Path gcLog) throws IOException, InterruptedException {
        Files.createDirectories(gcLog.toAbsolutePath().getParent());
        Files.deleteIfExists(gcLog);
        String answer = jcmd(pid, "VM.log", "output=file=" + gcLog.toAbsolutePath(), "output_options=filecount=0", "what=gc",
                "decorators=timemillis");
        if (answer.toLowerCase(Locale.ROOT).contains("error")) {
            throw new IllegalStateException("jcmd " + pid + " VM.log refused to log GC to " + gcLog + ": " + answer.strip());
        }
        Process jstat = new ProcessBuilder(tool("jstat"), "-gc", Long.toString(pid), "200")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        return new HeapWatch(pid, gcLog, jstat);
    }

    private void readJstat() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(jstat.getInputStream(), StandardCharsets.UTF_8))) {
            int[] columns = null;
            for (String line; (line = lines.readLine()) != null; ) {
                String[] fields = line.trim().split("\\s+");
                if (line.contains("S0U")) {
                    List<String> header = List.of(fields);
                    columns = new int[] {header.indexOf("S0U"), header.indexOf("S1U"), header.indexOf("EU"), header.indexOf("OU")};
                } else if (columns != null && fields.length > columns[3]) {
                    double used = 0;
                    for (int column : columns) {
                        used += Double.parseDouble(fields[column]);
                    }
                    lastKiB = (long) used;
                    peakKiB = Math.max(peakKiB, lastKiB);
                }
            }
        } catch (IOException | NumberFormatException ended) {
            // the appliance or jstat went away
        }
    }

    /** Used heap at the last sample (KiB). */
    long usedKiB() {
        return lastKiB;
    }

    /** Starts a new window for {@link #peakKiB()}. */
    void resetPeak() {
        peakKiB = lastKiB;
    }

    /** The most used heap sampled since {@link #resetPeak()} (KiB). */
    long peakKiB() {
        return peakKiB;
    }

    /** The live objects of the heap by class, and in all (bytes). */
    record Histogram(long totalBytes, Map<String, Long> bytesByClass) {
        long kib() {
            return totalBytes / 1024;
        }

        /** The classes whose objects grew most since {@code before}, as "class +N MiB". */
        String grownSince(Histogram before, int top) {
            return bytesByClass.entrySet().stream()
                    .map(e -> Map.entry(e.getKey(), e.getValue() - before.bytesByClass.getOrDefault(e.getKey(), 0L)))
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                    .map(e -> String.format(Locale.ROOT, "%s %+.1f", e.getKey(), e.getValue() / 1048576.0))
                    .collect(Collectors.joining(", ", "", " MiB"));
        }
    }

    /**
     * The live heap: {@code jcmd PID GC.class_histogram}, which runs a full GC first (logged as "Pause Full
     * (Heap Inspection Initiated GC)") and then counts the objects left by class.
     */
    Histogram live() throws IOException, InterruptedException {
        Map<String, Long> bytes = new HashMap<>();
        long total = -1;
        for (String line : jcmd(pid, "GC.class_histogram").split("\n")) {
            Matcher row = HISTOGRAM_ROW.matcher(line);
            if (row.find()) {
                bytes.merge(row.group(2), Long.parseLong(row.group(1)), Long::sum);
                continue;
            }
            Matcher sum = HISTOGRAM_TOTAL.matcher(line);
            if (sum.find()) {
                total = Long.parseLong(sum.group(1));
            }
        }
        if (total < 0) {
            throw new IllegalStateException("no Total line in the answer of jcmd " + pid + " GC.class_histogram");
        }
        return new Histogram(total, bytes);
    }

    /** The GC pauses logged between these instants (epoch ms). */
    Pauses pauses(long fromMs, long untilMs) throws IOException {
        int count = 0;
        int full = 0;
        long maxAfter = -1;
        double fullMillis = 0;
        List<String> lines = Files.exists(gcLog) ? Files.readAllLines(gcLog) : new ArrayList<>();
        for (String line : lines) {
            Matcher pause = GC_LINE.matcher(line);
            if (!pause.find()) {
                continue;
            }
            long at = Long.parseLong(pause.group(1));
            if (at < fromMs || at > untilMs) {
                continue;
            }
            count++;
            if (pause.group(2).equals("Pause Full")) {
                full++;
                fullMillis += Double.parseDouble(pause.group(9));
            } else {
                maxAfter = Math.max(maxAfter, kib(pause.group(5), pause.group(6)));
            }
        }
        return new Pauses(count, full, maxAfter, fullMillis);
    }

    private static long kib(String amount, String unit) {
        long value = Long.parseLong(amount);
        return switch (unit) {
            case "G" -> value * 1024 * 1024;
            case "M" -> value * 1024;
            default -> value;
        };
    }

    @Override
    public void close() {
        jstat.destroy();
    }

    private static String jcmd(long pid, String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(tool("jcmd"), Long.toString(pid)));
        line.addAll(List.of(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", line) + " failed: " + output.strip());
        }
        return output;
    }

    private static String tool(String name) {
        Path beside = Path.of(System.getProperty("java.home"), "bin", name);
        return Files.isExecutable(beside) ? beside.toString() : name;
    }
}
