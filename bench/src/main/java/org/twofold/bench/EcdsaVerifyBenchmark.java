package org.twofold.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import org.twofold.simulator.DeviceSimulator;

/**
 * The physical limit of a login: raw ECDSA P-256 verifications per second ({@code SHA256withECDSAinP1363Format},
 * as the appliance verifies a device's decision), one thread per core, each verifying its own key's
 * signature of a decision-sized signed string. Each op is getInstance + initVerify + update + verify,
 * as the server does per request, but no key parsing, JSON or HTTP.
 */
public final class EcdsaVerifyBenchmark {

    static final String ALGORITHM = "SHA256withECDSAinP1363Format";

    /**
     * @param cpuSeconds CPU time of the verifying threads while counted (ThreadMXBean), so the cost of
     *                   one verification is known even when other processes compete for the cores
     */
    record Result(int threads, double seconds, long verifications, double cpuSeconds, double machineBusySeconds) {
        double perSecond() {
            return verifications / seconds;
        }

        double cpuMsPerVerify() {
            return 1000 * cpuSeconds / verifications;
        }

        /** What all threads would reach with a core each and nothing else running. */
        double perSecondIfAlone() {
            return threads * 1000 / cpuMsPerVerify();
        }

        /** Cores other processes took meanwhile (machine busy minus the verify threads). */
        double otherCores() {
            return (machineBusySeconds - cpuSeconds) / seconds;
        }
    }

    private EcdsaVerifyBenchmark() {
    }

    /** Alone: {@code --threads=<cores> --warmup=3 --seconds=5}. */
    public static void main(String[] args) throws InterruptedException {
        Options options = new Options(args);
        int threads = options.integer("threads", Runtime.getRuntime().availableProcessors());
        Result result = run(threads, Double.parseDouble(options.text("warmup", "3")),
                Double.parseDouble(options.text("seconds", "5")));
        System.out.printf(java.util.Locale.ROOT,
                "%d threads: %.0f verifies/s, %.3f ms CPU per verify (%.0f/s with a core per thread), machine %.0f%% busy%n",
                threads, result.perSecond(), result.cpuMsPerVerify(), result.perSecondIfAlone(),
                100 * result.machineBusySeconds() / result.seconds() / Runtime.getRuntime().availableProcessors());
    }

    static Result run(int threads, double warmupSeconds, double measureSeconds) throws InterruptedException {
        List<Fixture> fixtures = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            fixtures.add(Fixture.create());
        }
        LongAdder counted = new LongAdder();
        LongAdder cpuNanos = new LongAdder();
        ThreadMXBean threadClock = ManagementFactory.getThreadMXBean();
        AtomicBoolean counting = new AtomicBoolean(false);
        AtomicBoolean stop = new AtomicBoolean(false);
        CountDownLatch done = new CountDownLatch(threads);
        List<Thread> workers = new ArrayList<>();
        for (Fixture fixture : fixtures) {
            Thread worker = new Thread(() -> {
                try {
                    long local = 0;
                    long cpuFrom = 0;
                    boolean wasCounting = false;
                    while (!stop.get()) {
                        if (!fixture.verifyOnce()) {
                            throw new IllegalStateException("A valid signature did not verify");
                        }
                        boolean nowCounting = counting.get();
                        if (nowCounting && !wasCounting) {
                            local = 0;
                            cpuFrom = threadClock.getCurrentThreadCpuTime();
                        }
                        wasCounting = nowCounting;
                        if (nowCounting) {
                            local++;
                        }
                    }
                    if (wasCounting) {
                        counted.add(local);
                        cpuNanos.add(threadClock.getCurrentThreadCpuTime() - cpuFrom);
                    }
                } finally {
                    done.countDown();
                }
            }, "ecdsa-verify");
            workers.add(worker);
            worker.start();
        }
        Thread.sleep((long) (warmupSeconds * 1000));
        double busyBefore = CpuClock.machineBusy();
        long start = System.nanoTime();
        counting.set(true);
        Thread.sleep((long) (measureSeconds * 1000));
        // verifications finished after this point are still counted by their thread: a stop flag set
        // at once bounds that to one verification per thread (well under a millisecond).
        stop.set(true);
        long end = System.nanoTime();
        double busyAfter = CpuClock.machineBusy();
        done.await();
        return new Result(threads, (end - start) / 1e9, counted.sum(), cpuNanos.sum() / 1e9, busyAfter - busyBefore);
    }

    /** One key pair and one signature over a decision-like signed string. */
    record Fixture(PublicKey key, byte[] message, byte[] signature) {

        static Fixture create() {
            KeyPair keys = DeviceSimulator.newKeyPair();
            try {
                String body = "{\"decision\":\"APPROVE\",\"number\":\"47\"}";
                String bodyHash = Base64.getUrlEncoder().withoutPadding().encodeToString(
                        MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
                byte[] message = ("POST\n/api/v1/device/auth-sessions/" + UUID.randomUUID() + "/decision\n"
                        + System.currentTimeMillis() + "\n" + bodyHash).getBytes(StandardCharsets.UTF_8);
                Signature signer = Signature.getInstance(ALGORITHM);
                signer.initSign(keys.getPrivate());
                signer.update(message);
                return new Fixture(keys.getPublic(), message, signer.sign());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        boolean verifyOnce() {
            try {
                Signature verifier = Signature.getInstance(ALGORITHM);
                verifier.initVerify(key);
                verifier.update(message);
                return verifier.verify(signature);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
