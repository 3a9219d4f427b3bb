package org.twofold.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

import org.twofold.simulator.Answer;
import org.twofold.simulator.Appliance;
import org.twofold.simulator.DeviceSimulator;

/**
 * Recovery throughput against a running appliance whose mail goes to the SMTP server this benchmark runs
 * ({@code --smtp-port}; start this first, then the appliance with {@code TWOFOLD_MAIL_PORT} set to it).
 *
 * <p>Restores: N workers, each for its own identity, loop the two-step restore on a new simulated phone —
 * {@code POST /restore} with the current restore code → the OTP mail is captured from SMTP → signed
 * {@code POST /restore/{id}/complete} → the new restore code from the answer is used next time. Old devices
 * are wiped each time (the default policy).
 *
 * <p>Duplications by QR: N workers loop offer (old phone, signed) → claim (new phone, signed with its new
 * key) → confirm (old phone, signed) → token fetch (new phone); the new phone becomes the old one.
 *
 * <pre>
 * java -cp ... org.twofold.bench.RecoveryBenchmark --url=http://127.0.0.1:8080/ --admin-password=... \
 *     --smtp-port=PORT [--devices=8] [--warmup=60] [--duration=30] [--appliance-pid=PID]
 * </pre>
 */
public final class RecoveryBenchmark {

    private static final Pattern OTP = Pattern.compile("(\\d{4}) (\\d{4})");

    private final Appliance appliance;
    private final GreenMail smtp;
    private final int devices;
    private final double warmupSeconds;
    private final double durationSeconds;
    private final long appliancePid;

    RecoveryBenchmark(Appliance appliance, GreenMail smtp, int devices, double warmupSeconds, double durationSeconds,
                      long appliancePid) {
        this.appliance = appliance;
        this.smtp = smtp;
        this.devices = devices;
        this.warmupSeconds = warmupSeconds;
        this.durationSeconds = durationSeconds;
        this.appliancePid = appliancePid;
    }

    public static void main(String[] args) throws Exception {
        Options options = new Options(args);
        GreenMail smtp = new GreenMail(new ServerSetup(options.integer("smtp-port", 2525), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        String url = options.required("url");
        awaitReady(new Appliance(url), options.integer("ready-timeout", 300));
        RecoveryBenchmark benchmark = new RecoveryBenchmark(new Appliance(url), smtp, options.integer("devices", 8),
                Double.parseDouble(options.text("warmup", "60")), Double.parseDouble(options.text("duration", "30")),
                options.pid("appliance-pid"));
        String label = options.text("label", "-");
        Appliance.Operator admin = benchmark.appliance.operator("admin", options.required("admin-password"));
        System.out.printf(Locale.ROOT, "== Recovery benchmark (%s): %s, %d workers, warm-up %.0f s, measure %.0f s, %s%n",
                label, url, benchmark.devices, benchmark.warmupSeconds, benchmark.durationSeconds, Instant.now());

        Result restores = benchmark.measure("restores", benchmark.restoreWorkers(admin));
        Result duplications = benchmark.measure("duplications", benchmark.duplicationWorkers(admin));
        System.out.printf(Locale.ROOT, "%nSUMMARY %s restores/s=%.1f p50=%.1f p95=%.1f errors=%d duplications/s=%.1f p50=%.1f p95=%.1f errors=%d%n",
                label, restores.perSecond(), restores.p(50), restores.p(95), restores.errors(),
                duplications.perSecond(), duplications.p(50), duplications.p(95), duplications.errors());
        smtp.stop();
        System.exit(restores.errors() + duplications.errors() == 0 && restores.count() > 0 && duplications.count() > 0 ? 0 : 1);
    }

    /** Per worker: an identity with an enrolled phone and restore switched on. */
    List<Loop> restoreWorkers(Appliance.Operator admin) {
        List<Loop> loops = new ArrayList<>();
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < devices; i++) {
            String user = "restore-" + run + "-" + i;
            String email = user + "@bench.test";
            DeviceSimulator phone = enrolled(admin, user, email);
            String[] code = {phone.activateRestore().expect(201).json().getString("code")};
            int[] started = {0};
            Mailbox mailbox = new Mailbox(email);
            Appliance from = appliance.from("10.77." + i + ".1");
            loops.add(() -> {
                DeviceSimulator newPhone = from.newDevice("restored phone");
                String restoreId = newPhone.startRestore(user, code[0]).expect(202).json().getString("restoreId");
                started[0]++;
                String otp = mailbox.awaitOtp(started[0]);
                JsonObject restored = newPhone.completeRestore(restoreId, otp, false).expect(201).json();
                code[0] = restored.getJsonObject("restore").getString("code");
            });
        }
        return loops;
    }

    /**
     * Per worker: an identity whose current phone duplicates itself onto a new one, which takes over and
     * unpairs the old phone (so the identity stays within the policy's device limit, as a user moving to a
     * new phone would).
     */
    List<Loop> duplicationWorkers(Appliance.Operator admin) {
        List<Loop> loops = new ArrayList<>();
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < devices; i++) {
            String user = "dup-" + run + "-" + i;
            DeviceSimulator[] current = {enrolled(admin, user, user + "@bench.test")};
            loops.add(() -> {
                JsonObject offer = current[0].offerDuplication().expect(201).json();
                String link = offer.getString("qr");
                String secret = link.substring(link.indexOf("&s=") + 3);
                DeviceSimulator newPhone = appliance.newDevice("duplicate");
                JsonObject claim = newPhone.claimDuplication(offer.getString("offerId"), secret).expect(202).json();
                current[0].confirmDuplication(offer.getString("offerId"), claim.getString("claimId")).expect(200);
                Answer fetched = newPhone.fetchClaim(offer.getString("offerId"), claim.getString("claimId"),
                        claim.getString("claimSecret")).expect(200);
                if (!"CONFIRMED".equals(fetched.json().getString("status")) || newPhone.token() == null) {
                    throw new AssertionError("the confirmed claim did not hand over a token: " + fetched);
                }
                newPhone.unpair(current[0].deviceId()).expect(204);
                current[0] = newPhone;
            });
        }
        return loops;
    }

    private DeviceSimulator enrolled(Appliance.Operator admin, String user, String email) {
        String code = admin.createIdentity(user, email).expect(201).json().getString("activationCode");
        DeviceSimulator phone = appliance.newDevice("bench phone");
        phone.enroll(code).expect(201);
        return phone;
    }

    /**
     * One worker's view of its user's mailbox: the OTPs mailed so far, in order, read incrementally. Counting
     * (rather than taking the newest) keeps a worker in step with its restores even after a failed round:
     * the mail of an abandoned restore must never be mistaken for the next one's, or every later round
     * would fail with a stale OTP.
     */
    private final class Mailbox {
        private final String email;
        private final List<String> otps = new ArrayList<>();
        private int messagesRead;

        Mailbox(String email) {
            this.email = email;
        }

        String awaitOtp(int n) {
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (System.nanoTime() < deadline) {
                readNewMessages();
                if (otps.size() >= n) {
                    return otps.get(n - 1);
                }
                pause(5);
            }
            throw new AssertionError("one-time code mail number " + n + " to " + email + " did not arrive within 30 s");
        }

        private void readNewMessages() {
            GreenMailUser owner = smtp.getUserManager().getUserByEmail(email);
            if (owner == null) {
                return;
            }
            try {
                List<StoredMessage> messages = List.copyOf(smtp.getManagers().getImapHostManager().getInbox(owner).getMessages());
                for (; messagesRead < messages.size(); messagesRead++) {
                    MimeMessage message = messages.get(messagesRead).getMimeMessage();
                    Matcher matcher = OTP.matcher(GreenMailUtil.getBody(message));
                    if (message.getSubject() != null && message.getSubject().contains("one-time code") && matcher.find()) {
                        otps.add(matcher.group(1) + matcher.group(2));
                    }
                }
            } catch (FolderException | jakarta.mail.MessagingException | RuntimeException deliveredMeanwhile) {
                // the mail server appended a message while the folder was read: read on next time
            }
        }
    }

    Result measure(String what, List<Loop> loops) throws InterruptedException {
        long begin = System.nanoTime();
        long measureFrom = begin + (long) (warmupSeconds * 1e9);
        long measureUntil = measureFrom + (long) (durationSeconds * 1e9);
        AtomicLong errors = new AtomicLong();
        List<LongSamples> samples = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (Loop loop : loops) {
            LongSamples latencies = new LongSamples();
            samples.add(latencies);
            Thread thread = new Thread(() -> {
                while (System.nanoTime() < measureUntil) {
                    long t0 = System.nanoTime();
                    try {
                        loop.once();
                        long t1 = System.nanoTime();
                        if (t1 >= measureFrom && t1 < measureUntil) {
                            latencies.add(t1 - t0);
                        }
                    } catch (RuntimeException | AssertionError failure) {
                        if (System.nanoTime() >= measureFrom) {
                            errors.incrementAndGet();
                        }
                        System.err.println(what + ": " + failure.getMessage());
                        pause(100);
                    }
                }
            }, what);
            threads.add(thread);
            thread.start();
        }
        sleepUntil(measureFrom);
        double cpuBefore = CpuClock.process(appliancePid);
        double selfBefore = CpuClock.self();
        sleepUntil(measureUntil);
        double applianceCpu = CpuClock.process(appliancePid) - cpuBefore;
        double selfCpu = CpuClock.self() - selfBefore;
        for (Thread thread : threads) {
            thread.join();
        }
        LongSamples all = new LongSamples();
        samples.forEach(all::addAll);
        Result result = new Result(all.sorted(), durationSeconds, errors.get());
        System.out.printf(Locale.ROOT, "%n%-13s %8.1f /s   latency p50 %.1f  p95 %.1f  p99 %.1f  max %.1f ms   errors %d%n",
                what, result.perSecond(), result.p(50), result.p(95), result.p(99), result.p(100), result.errors());
        if (!Double.isNaN(applianceCpu) && result.count() > 0) {
            System.out.printf(Locale.ROOT, "              appliance %.1f ms CPU per %s, load generator and mail server %.1f ms%n",
                    1000 * applianceCpu / result.count(), what.substring(0, what.length() - 1), 1000 * selfCpu / result.count());
        }
        return result;
    }

    private static void awaitReady(Appliance appliance, int seconds) {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                if (appliance.request("GET", "health/ready", null).status() == 200) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            pause(500);
        }
        throw new IllegalStateException("the appliance was not ready within " + seconds + " s");
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, left / 1_000_000));
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One complete restore or duplication; throws when any step answers otherwise than PROTOCOL.md says. */
    @FunctionalInterface
    interface Loop {
        void once();
    }

    record Result(long[] sortedNanos, double seconds, long errors) {
        int count() {
            return sortedNanos.length;
        }

        double perSecond() {
            return sortedNanos.length / seconds;
        }

        double p(double percentile) {
            return LongSamples.percentileMs(sortedNanos, percentile);
        }
    }
}
