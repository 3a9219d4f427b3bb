package org.twofold.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU seconds consumed so far, read from Linux {@code /proc}: by this JVM, by another process (the
 * appliance), by a process tree (PostgreSQL's postmaster and its backends), and by the whole machine.
 * Differences of two readings give the CPU used during a measurement window.
 */
final class CpuClock {

    /** USER_HZ; 100 on every mainstream Linux architecture (getconf CLK_TCK). */
    static final double TICKS_PER_SECOND = Double.parseDouble(System.getProperty("bench.clkTck", "100"));

    private CpuClock() {
    }

    /** CPU seconds of this JVM (all threads). */
    static double self() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }

    /** utime + stime of one process, in seconds; NaN when it is unknown or gone. */
    static double process(long pid) {
        if (pid <= 0) {
            return Double.NaN;
        }
        long[] fields = stat(pid);
        return fields == null ? Double.NaN : (fields[STAT_UTIME] + fields[STAT_STIME]) / TICKS_PER_SECOND;
    }

    /**
     * CPU seconds of a process and all its live descendants, plus what its exited children left in its
     * cutime/cstime (a postmaster reaps its backends, so their time stays counted).
     */
    static double tree(long rootPid) {
        if (rootPid <= 0) {
            return Double.NaN;
        }
        Map<Long, List<Long>> children = new HashMap<>();
        Map<Long, long[]> stats = new HashMap<>();
        try (var entries = Files.list(Path.of("/proc"))) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                long pid = Long.parseLong(name);
                long[] fields = stat(pid);
                if (fields != null) {
                    stats.put(pid, fields);
                    children.computeIfAbsent(fields[STAT_PPID], p -> new ArrayList<>()).add(pid);
                }
            }
        } catch (IOException e) {
            return Double.NaN;
        }
        long[] root = stats.get(rootPid);
        if (root == null) {
            return Double.NaN;
        }
        long ticks = root[STAT_CUTIME] + root[STAT_CSTIME];
        List<Long> pending = new ArrayList<>(List.of(rootPid));
        while (!pending.isEmpty()) {
            long pid = pending.remove(pending.size() - 1);
            long[] fields = stats.get(pid);
            if (fields != null) {
                ticks += fields[STAT_UTIME] + fields[STAT_STIME];
            }
            pending.addAll(children.getOrDefault(pid, List.of()));
        }
        return ticks / TICKS_PER_SECOND;
    }

    /**
     * CPU seconds per thread group of a process, from /proc/pid/task/tid/stat: the thread names
     * (15 characters at most, as Linux keeps them) with digits folded, e.g. "C2 CompilerThre#",
     * "GC Thread#", "http-thread-poo" — so JIT compilation and GC show apart from request work.
     */
    static Map<String, Double> threadGroups(long pid) {
        Map<String, Double> groups = new HashMap<>();
        if (pid <= 0) {
            return groups;
        }
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String line = Files.readString(task.resolve("stat"));
                    String name = line.substring(line.indexOf('(') + 1, line.lastIndexOf(')')).replaceAll("\\d+", "#");
                    String[] rest = line.substring(line.lastIndexOf(')') + 2).trim().split("\\s+");
                    double seconds = (Long.parseLong(rest[11]) + Long.parseLong(rest[12])) / TICKS_PER_SECOND;
                    groups.merge(name, seconds, Double::sum);
                } catch (IOException | RuntimeException threadEnded) {
                    // a thread that ended between listing and reading
                }
            }
        } catch (IOException e) {
            return groups;
        }
        return groups;
    }

    /** Busy CPU seconds of the whole machine (all cores, every process), from the first line of /proc/stat. */
    static double machineBusy() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            // user nice system idle iowait irq softirq steal guest guest_nice; guest is already inside user
            for (int i = 1; i <= Math.min(8, cpu.length - 1); i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(cpu[i]);
                }
            }
            return busy / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Resident set size in MiB (VmRSS of /proc/pid/status), or NaN. */
    static double rssMiB(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    private static final int STAT_PPID = 0;
    private static final int STAT_UTIME = 1;
    private static final int STAT_STIME = 2;
    private static final int STAT_CUTIME = 3;
    private static final int STAT_CSTIME = 4;

    /** ppid, utime, stime, cutime, cstime of /proc/pid/stat (fields 4, 14-17), or null. */
    private static long[] stat(long pid) {
        try {
            String line = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name (field 2) may contain spaces and parentheses: fields restart after the last ')'
            String[] rest = line.substring(line.lastIndexOf(')') + 2).trim().split("\\s+");
            // rest[0] is field 3 (state), so field n is rest[n - 3]
            return new long[] {Long.parseLong(rest[1]), Long.parseLong(rest[11]), Long.parseLong(rest[12]),
                    Long.parseLong(rest[13]), Long.parseLong(rest[14])};
        } catch (IOException | RuntimeException gone) {
            return null;
        }
    }
}
