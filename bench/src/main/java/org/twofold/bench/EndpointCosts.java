package org.twofold.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.twofold.simulator.Answer;
import org.twofold.simulator.Appliance;
import org.twofold.simulator.DeviceSimulator;

/**
 * Appliance CPU per call of single endpoints, in isolation (for profiling, not a target): the floor of
 * a JAX-RS call (an RP call without Authorization, refused by the filter: no database, no crypto), {@code GET /health/ready}
 * (MicroProfile Health; the readiness check takes a pooled connection and calls isValid), an RP status read, a device inbox
 * read, and decision calls that stop at successive checks: token without signature headers (401), token
 * with a wrong signature (verified, 401), a valid signature on an already decided login (409). The
 * difference of the last two from the first is what signature verification costs inside the appliance.
 * Each runs {@code --calls} times from {@code --threads} threads, twice; the second pass is printed.
 * Warm the appliance first (run.sh does: it runs this after the login benchmark with {@code --endpoints}).
 *
 * <pre>java -cp ... org.twofold.bench.EndpointCosts --url=... --admin-password=... --appliance-pid=PID [--calls=3000] [--threads=4]</pre>
 */
public final class EndpointCosts {

    static final String DECISION = "{\"decision\":\"APPROVE\",\"number\":\"00\"}";
    /** r = s = 0x1111…11 (in range, so the appliance does the full verification) — a signature of nothing. */
    static final String WRONG_SIGNATURE;

    static {
        byte[] rs = new byte[64];
        java.util.Arrays.fill(rs, (byte) 0x11);
        WRONG_SIGNATURE = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(rs);
    }

    private EndpointCosts() {
    }

    static String decisionPath(String sessionId) {
        return "/api/v1/device/auth-sessions/" + sessionId + "/decision";
    }

    public static void main(String[] args) throws Exception {
        Options options = new Options(args);
        Appliance appliance = new Appliance(options.required("url"));
        long pid = options.pid("appliance-pid");
        int calls = options.integer("calls", 3000);
        int threads = options.integer("threads", 4);
        Appliance.Operator admin = appliance.operator(options.text("admin-user", "admin"), options.required("admin-password"));
        String run = UUID.randomUUID().toString().substring(0, 8);
        Appliance.RelyingParty party = admin.createRelyingParty("endpoints-" + run);
        List<DeviceSimulator> phones = new ArrayList<>();
        List<String> decided = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            String user = "endpoints-" + run + "-" + i;
            DeviceSimulator phone = appliance.newDevice("endpoint phone " + i);
            phone.enroll(admin.createIdentity(user, user + "@bench.test").expect(201).json().getString("activationCode")).expect(201);
            var started = party.startLogin(user, "endpoint costs").expect(201).json();
            phone.decide(started.getString("id"), "APPROVE", started.getString("displayNumber")).expect(200);
            phones.add(phone);
            decided.add(started.getString("id"));
        }
        System.out.printf(Locale.ROOT, "%n== Appliance CPU per call, single endpoints (%d calls each, %d threads)%n", calls, threads);
        for (int pass = 1; pass <= 2; pass++) {
            boolean print = pass == 2;
            measure(print, "GET /rp/auth-sessions/x, no Authorization (401)", pid, calls, threads,
                    i -> () -> appliance.request("GET", "api/v1/rp/auth-sessions/x", null), 401);
            measure(print, "GET /health/ready (pool checkout + isValid)", pid, calls, threads,
                    i -> () -> appliance.request("GET", "health/ready", null), 200);
            measure(print, "GET /rp/auth-sessions/{id} (RP status)", pid, calls, threads,
                    i -> () -> party.status(decided.get(i)), 200);
            measure(print, "GET /device/inbox", pid, calls, threads,
                    i -> () -> phones.get(i).inbox(), 200);
            measure(print, "POST decision, token but no signature (401)", pid, calls, threads,
                    i -> () -> appliance.request("POST", decisionPath(decided.get(i)), DECISION,
                            "Authorization", "Device " + phones.get(i).token()), 401);
            measure(print, "POST decision, token + wrong signature (401)", pid, calls, threads,
                    i -> () -> appliance.request("POST", decisionPath(decided.get(i)), DECISION,
                            "Authorization", "Device " + phones.get(i).token(),
                            "Twofold-Timestamp", Long.toString(System.currentTimeMillis()),
                            "Twofold-Signature", WRONG_SIGNATURE), 401);
            measure(print, "POST decision, signed, on a decided login (409)", pid, calls, threads,
                    i -> () -> phones.get(i).decide(decided.get(i), "APPROVE", "00"), 409);
        }
    }

    interface PerThread {
        Supplier<Answer> call(int thread);
    }

    static void measure(boolean print, String name, long pid, int calls, int threads, PerThread perThread, int expected)
            throws InterruptedException {
        AtomicLong failures = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        double cpuBefore = CpuClock.process(pid);
        long started = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            Supplier<Answer> call = perThread.call(t);
            Thread worker = new Thread(() -> {
                for (int i = 0; i < calls / threads; i++) {
                    if (call.get().status() != expected) {
                        failures.incrementAndGet();
                    }
                }
            });
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double cpu = CpuClock.process(pid) - cpuBefore;
        int done = calls / threads * threads;
        if (print) {
            System.out.printf(Locale.ROOT, "  %-50s %6.2f ms CPU/call  %7.0f calls/s%s%n", name, 1000 * cpu / done,
                    done / seconds, failures.get() == 0 ? "" : "  (" + failures.get() + " unexpected answers)");
        }
    }
}
