package org.twofold.appliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.twofold.simulator.Answer;
import org.twofold.simulator.Appliance;
import org.twofold.simulator.DeviceSimulator;
import org.twofold.testing.ApplianceServer;
import org.twofold.testing.LaunchedAppliance;
import org.twofold.testing.TestDatabase;
import org.twofold.testing.TestMailServer;

/**
 * Issue 9, crash safety: the appliance is killed with SIGKILL (no shutdown hook, no rollback, no flush) while
 * {@value #IDENTITIES} users each loop through login approvals, restores (alternately keeping and wiping their old
 * devices) and QR duplications; it is started again on the same database and the test checks, against what
 * every client was told before the crash (its journal), against the admin API and against the mail server:
 * <ul>
 * <li>every device a client believes bound (it got its 201 or its token) is ACTIVE and signs a login approval;
 * every ACTIVE device of an identity is one its client knows, or the one of the operation whose answer the crash
 * swallowed; no device is BLOCKED; an identity lost its old devices only through a restore that completed;</li>
 * <li>an operation whose answer never arrived either happened entirely or not at all: a restore whose completion
 * answer was lost either bound the new device, wiped (or kept) the old ones and killed the old restore code, or
 * changed nothing and its one-time code still completes it exactly once; a duplication confirmed in the crash
 * either bound the new device (which then fetches its token) or bound nothing;</li>
 * <li>a restore code that a completed restore used is refused afterwards; the newest code works exactly once;</li>
 * <li>a one-time code mail queued before the crash (202 received, mail not yet seen) arrives after the restart
 * and completes its restore; the outbox backlog drains to 0; every 202 restore start has its mail; a mail
 * arrives twice only in the window the outbox design allows (the mail server said OK, the crash came before
 * the outbox marked the mail sent: at most one mail, its first copy received before the kill), and both copies
 * carry the same Message-ID;</li>
 * <li>the audit hash chain is intact.</li>
 * </ul>
 * Not proven: where exactly the kill lands is chance, so one run covers whichever windows it hits (the journals
 * print which operations were in flight); a crash of the mail server or of the disk (a torn write) is not
 * simulated; a duplicated mail inside the allowed window is only possible, not forced; the run takes about
 * 1-2 minutes per database: a mail claimed at the kill waits out the outbox's claim, set to 40 s here.
 * Known limitation, reported and not failed: a restore that completed while its 201 was lost leaves a bound
 * device whose token (and, with DEVICE_DISPLAY, the new restore code) its phone never received, and a
 * duplication whose token fetch answer was lost (the token is handed out once) likewise; when that restore wiped
 * the old devices the user holds no usable device and no restore code and must ask the helpdesk.
 */
class CrashSafetyIT {

    static final int IDENTITIES = 8;
    static final Duration LOAD = Duration.ofSeconds(15);
    /** An outbox claim of a mail in flight at the kill runs out after CLAIM_SECONDS; then it is sent. */
    static final int CLAIM_SECONDS = 40;
    static final Duration MAIL_AFTER_RESTART = Duration.ofSeconds(CLAIM_SECONDS + 50);
    private static final Pattern OTP = Pattern.compile("(\\d{4}) (\\d{4})");
    private static final String OTP_SUBJECT = "one-time code";

    @TempDir
    Path dir;

    @Test
    void anH2ApplianceKilledUnderLoadLosesNothing() throws Exception {
        killUnderLoadAndCheck(Map.of());
    }

    @Test
    void aPostgresqlApplianceKilledUnderLoadLosesNothing() throws Exception {
        try (TestDatabase postgres = TestDatabase.start("postgres", dir.resolve("db"))) {
            killUnderLoadAndCheck(postgres.environment());
        }
    }

    private void killUnderLoadAndCheck(Map<String, String> database) throws Exception {
        int http = ApplianceServer.freePort();
        String adminPassword = "admin-" + System.nanoTime();
        try (TestMailServer mail = TestMailServer.start(ApplianceServer.freePort())) {
            Map<String, String> environment = new HashMap<>(database);
            environment.putAll(Map.of("TWOFOLD_DATA_DIR", dir.resolve("data").toString(),
                    "TWOFOLD_HTTP_PORT", Integer.toString(http), "TWOFOLD_TLS_PORT", "0",
                    "TWOFOLD_ADMIN_INITIAL_PASSWORD", adminPassword,
                    // each user comes from an address of its own, so the per-source attempt limits stay per user
                    "TWOFOLD_HTTP_TRUSTED_PROXIES", "127.0.0.1",
                    "TWOFOLD_MAIL_HOST", "127.0.0.1", "TWOFOLD_MAIL_PORT", Integer.toString(mail.port()),
                    "TWOFOLD_MAIL_FROM", "twofold@appliance.test"));
            // the installation's 120 s would make the test wait that long for a mail claimed at the kill
            environment.put("TWOFOLD_MAIL_CLAIM_SECONDS", Integer.toString(CLAIM_SECONDS));
            URI ready = URI.create("http://127.0.0.1:" + http + "/health/ready");
            Appliance client = new Appliance("http://127.0.0.1:" + http + "/");
            Appliance.Operator admin = client.operator("admin", adminPassword);

            List<Journey> journeys = new ArrayList<>();
            Journey.killing = false;
            Instant start = Instant.now();
            LaunchedAppliance appliance = LaunchedAppliance.start(dir.resolve("boot-1"), environment, http, ready);
            Map<String, Integer> mailsBeforeKill = new HashMap<>();
            try {
                Appliance.RelyingParty vpn = admin.createRelyingParty("vpn-" + System.nanoTime());
                for (int i = 0; i < IDENTITIES; i++) {
                    journeys.add(Journey.enrolled(client.from("10.77.0." + (i + 1)), admin, vpn, mail, i));
                }
                System.out.printf("CrashSafetyIT: first boot and %d users ready after %d s%n", IDENTITIES,
                        Duration.between(start, Instant.now()).toSeconds());
                List<Thread> workers = new ArrayList<>();
                for (Journey journey : journeys) {
                    Thread worker = new Thread(journey, "journey-" + journey.index);
                    worker.start();
                    workers.add(worker);
                }
                Thread.sleep(LOAD.toMillis());
                Journey.killing = true;
                new ProcessBuilder("kill", "-9", Long.toString(appliance.pid())).inheritIO().start().waitFor();
                ProcessHandle.of(appliance.pid()).ifPresent(process -> process.onExit().orTimeout(30, TimeUnit.SECONDS).join());
                // the mail server finishes with the connections the kill cut before mails are counted as received before it
                Thread.sleep(2000);
                for (Journey journey : journeys) {
                    mailsBeforeKill.put(journey.email, mail.mailsTo(journey.email).size());
                }
                for (Thread worker : workers) {
                    worker.join(Duration.ofSeconds(60).toMillis());
                    assertFalse(worker.isAlive(), worker.getName() + " did not stop after the kill");
                }
                Journey.killing = false;
            } finally {
                appliance.close();
            }
            for (Journey journey : journeys) {
                if (journey.broken != null) {
                    throw new AssertionError(journey.user + " saw a wrong answer while the appliance ran", journey.broken);
                }
            }
            assertTrue(journeys.stream().mapToInt(j -> j.restores).sum() >= IDENTITIES, "the load restored too little to prove anything");
            assertTrue(journeys.stream().mapToInt(j -> j.duplications).sum() >= IDENTITIES, "the load duplicated too little");

            Instant restart = Instant.now();
            try (LaunchedAppliance again = LaunchedAppliance.start(dir.resolve("boot-2"), environment, http, ready)) {
                System.out.printf("CrashSafetyIT: restarted in %d s%n", Duration.between(restart, Instant.now()).toSeconds());
                // duplications first: an offer lives 120 s
                for (Journey journey : journeys) {
                    journey.resolveDuplication();
                }
                for (Journey journey : journeys) {
                    journey.resolveRestore();
                }
                for (Journey journey : journeys) {
                    System.out.println("CrashSafetyIT: " + journey.summary());
                }
                for (Journey journey : journeys) {
                    journey.checkDevices();
                    journey.checkRestoreCodes();
                }
                awaitEmptyOutbox(admin);
                int duplicatesInWindow = 0;
                for (Journey journey : journeys) {
                    duplicatesInWindow += journey.checkMails(mailsBeforeKill.get(journey.email));
                }
                assertTrue(duplicatesInWindow <= 1, "more than one mail sent twice: the outbox sends one mail at a time,"
                        + " so at most one can fall between the mail server's OK and the outbox's mark: " + duplicatesInWindow);
                System.out.println("CrashSafetyIT: mails sent twice in the allowed window (server OK, crash before the"
                        + " outbox mark): " + duplicatesInWindow);
                JsonObject verification = admin.call("GET", "audit/verification", null).expect(200).json();
                assertTrue(verification.getBoolean("intact"), "the audit chain: " + verification);
            }
            System.out.printf("CrashSafetyIT: whole run %d s%n", Duration.between(start, Instant.now()).toSeconds());
        } finally {
            keepLogs(database.isEmpty() ? "h2" : "postgresql");
        }
    }

    /** The appliance's output of both boots, kept in target/ for a failed run. */
    private void keepLogs(String kind) throws java.io.IOException {
        for (String boot : List.of("boot-1", "boot-2")) {
            Path log = dir.resolve(boot).resolve("launch.log");
            if (java.nio.file.Files.exists(log)) {
                java.nio.file.Files.copy(log, Path.of("target", "crash-safety-" + kind + "-" + boot + ".log"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static void awaitEmptyOutbox(Appliance.Operator admin) throws InterruptedException {
        Instant deadline = Instant.now().plus(MAIL_AFTER_RESTART);
        long backlog = -1;
        while (Instant.now().isBefore(deadline)) {
            backlog = admin.call("GET", "mail", null).expect(200).json().getJsonNumber("backlog").longValue();
            if (backlog == 0) {
                return;
            }
            Thread.sleep(500);
        }
        fail("mails queued before the crash still unsent " + MAIL_AFTER_RESTART + " after the restart: " + backlog);
    }

    /** What one user did and was told, and the operation whose answer the kill swallowed. */
    static final class Journey implements Runnable {

        static volatile boolean killing;

        final int index;
        final String user;
        final String email;
        final Appliance client;
        final Appliance.Operator admin;
        final Appliance.RelyingParty vpn;
        final TestMailServer mail;
        /** Devices the client believes bound and active: it holds their key and token. */
        final List<DeviceSimulator> known = new ArrayList<>();
        /** Restore codes that a completed restore used (the client got the 201), oldest first. */
        final List<String> usedCodes = new ArrayList<>();
        /** Devices bound while their answer (and token) was lost: present, ACTIVE, unusable by their phone. */
        final List<String> boundWithoutAnswer = new ArrayList<>();
        String code;
        int otpMailsSeen;
        int restoresStarted;
        int logins;
        int restores;
        int duplications;
        int counter;
        volatile InFlight inFlight;
        volatile Throwable broken;
        String resolution = "nothing in flight";

        /** The step a kill can interrupt, with what the client has to find out afterwards. */
        record InFlight(String step, DeviceSimulator newDevice, boolean keep, String restoreId, String otp,
                        DeviceSimulator confirming, String offerId, String claimId, String claimSecret) {
        }

        private Journey(int index, Appliance client, Appliance.Operator admin, Appliance.RelyingParty vpn, TestMailServer mail) {
            this.index = index;
            this.user = "crash" + index + "-" + Long.toString(System.nanoTime(), 36);
            this.email = user + "@corp.test";
            this.client = client;
            this.admin = admin;
            this.vpn = vpn;
            this.mail = mail;
        }

        static Journey enrolled(Appliance client, Appliance.Operator admin, Appliance.RelyingParty vpn, TestMailServer mail,
                                int index) {
            Journey journey = new Journey(index, client, admin, vpn, mail);
            DeviceSimulator phone = client.newDevice(journey.deviceName("enrolled"));
            phone.enroll(admin.createIdentity(journey.user, journey.email).expect(201).json().getString("activationCode"))
                    .expect(201);
            journey.code = phone.activateRestore().expect(201).json().getString("code");
            assertNotNull(journey.code, "the default policy shows the restore code on the device");
            journey.known.add(phone);
            return journey;
        }

        private String deviceName(String how) {
            return user + "-" + how + "-" + (++counter);
        }

        @Override
        public void run() {
            try {
                for (int round = 0; !killing; round++) {
                    login();
                    restore(round % 2 == 0);
                    if (killing) {
                        break;
                    }
                    duplicate();
                }
            } catch (UncheckedIOException | Stopped crashed) {
                if (!killing) {
                    broken = crashed;
                }
            } catch (Throwable wrong) {
                broken = wrong;
            }
        }

        private void login() {
            inFlight = new InFlight("login", null, false, null, null, null, null, null, null);
            JsonObject started = vpn.startLogin(user, "crash test").expect(201).json();
            DeviceSimulator device = known.get(logins % known.size());
            assertEquals("APPROVED", device.decide(started.getString("id"), "APPROVE", started.getString("displayNumber"))
                    .expect(200).json().getString("status"));
            logins++;
            inFlight = null;
        }

        private void restore(boolean keep) {
            DeviceSimulator newDevice = client.newDevice(deviceName(keep ? "kept" : "wiping"));
            inFlight = new InFlight("restore start", newDevice, keep, null, null, null, null, null, null);
            String restoreId = newDevice.startRestore(user, code).expect(202).json().getString("restoreId");
            restoresStarted++;
            inFlight = new InFlight("restore started, one-time code mail not yet seen", newDevice, keep, restoreId, null,
                    null, null, null, null);
            String otp = awaitOtp(killing ? Duration.ofSeconds(3) : Duration.ofSeconds(30));
            inFlight = new InFlight("restore complete", newDevice, keep, restoreId, otp, null, null, null, null);
            completed(newDevice, keep, newDevice.completeRestore(restoreId, otp, keep).expect(201));
            restores++;
            inFlight = null;
        }

        private void completed(DeviceSimulator newDevice, boolean keep, Answer answer) {
            if (!keep) {
                known.clear();
            }
            known.add(newDevice);
            usedCodes.add(code);
            code = answer.json().getJsonObject("restore").getString("code");
        }

        private void duplicate() {
            DeviceSimulator old = known.get(0);
            DeviceSimulator newDevice = client.newDevice(deviceName("duplicated"));
            inFlight = new InFlight("duplication offer", newDevice, false, null, null, old, null, null, null);
            JsonObject offer = old.offerDuplication().expect(201).json();
            String link = offer.getString("qr");
            String offerId = offer.getString("offerId");
            inFlight = new InFlight("duplication claim", newDevice, false, null, null, old, offerId, null, null);
            JsonObject claim = newDevice.claimDuplication(offerId, link.substring(link.indexOf("&s=") + 3)).expect(202).json();
            InFlight confirming = new InFlight("duplication confirm", newDevice, false, null, null, old, offerId,
                    claim.getString("claimId"), claim.getString("claimSecret"));
            inFlight = confirming;
            old.confirmDuplication(offerId, confirming.claimId()).expect(200);
            inFlight = new InFlight("duplication token fetch", newDevice, false, null, null, old, offerId,
                    confirming.claimId(), confirming.claimSecret());
            newDevice.fetchClaim(offerId, confirming.claimId(), confirming.claimSecret()).expect(200);
            assertNotNull(newDevice.token(), "the confirmed claim hands over the token");
            known.add(newDevice);
            duplications++;
            inFlight = null;
        }

        /** The next one-time code mailed to this user; a mail not there in time ends the journey before the kill. */
        private String awaitOtp(Duration timeout) {
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline)) {
                List<MimeMessage> otpMails = otpMails();
                if (otpMails.size() > otpMailsSeen) {
                    Matcher matcher = OTP.matcher(TestMailServer.bodyOf(otpMails.get(otpMailsSeen)));
                    otpMailsSeen++;
                    assertTrue(matcher.find(), "a one-time code in the mail");
                    return matcher.group(1) + matcher.group(2);
                }
                if (killing && Instant.now().isAfter(deadline.minus(timeout).plusSeconds(3))) {
                    break;
                }
                sleep(100);
            }
            if (killing) {
                throw new Stopped();
            }
            throw new AssertionError("no one-time code mail within " + timeout + " while the appliance ran");
        }

        /**
         * Completes a restore with the one-time code mailed for it. A restore started in the crash (its 202 lost) may
         * have mailed a code too, before or after this one: a code that is not this restore's is refused (one
         * failure for the attempt guard) and the next mail is tried.
         */
        private Answer completeWithNewestOtp(DeviceSimulator device, String restoreId) {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            List<String> refused = new ArrayList<>();
            while (Instant.now().isBefore(deadline)) {
                List<MimeMessage> otpMails = otpMails();
                if (otpMails.size() > otpMailsSeen) {
                    Matcher matcher = OTP.matcher(TestMailServer.bodyOf(otpMails.get(otpMailsSeen)));
                    otpMailsSeen++;
                    assertTrue(matcher.find(), "a one-time code in the mail");
                    Answer answer = device.completeRestore(restoreId, matcher.group(1) + matcher.group(2), false);
                    if (answer.status() == 201) {
                        return answer;
                    }
                    assertEquals("invalid-otp", answer.code().orElse(answer.toString()));
                    refused.add(matcher.group(1) + matcher.group(2));
                    assertTrue(refused.size() <= 1, "only one restore can have been started in the crash: " + refused);
                } else {
                    sleep(100);
                }
            }
            throw new AssertionError("no one-time code completed restore " + restoreId + "; refused " + refused);
        }

        /** One copy per Message-ID, in the order received. */
        private List<MimeMessage> otpMails() {
            Map<String, MimeMessage> byId = new LinkedHashMap<>();
            for (MimeMessage message : mail.mailsTo(email)) {
                if (TestMailServer.subjectOf(message).contains(OTP_SUBJECT)) {
                    byId.putIfAbsent(messageId(message), message);
                }
            }
            return new ArrayList<>(byId.values());
        }

        /** The duplication the kill interrupted: it bound the new device entirely or not at all. */
        void resolveDuplication() {
            InFlight step = inFlight;
            if (step == null || !step.step().startsWith("duplication")) {
                return;
            }
            if (step.claimId() == null) {
                assertEquals(null, adminDevice(step.newDevice().name()), "an unconfirmed duplication bound a device");
                resolution = step.step() + " in flight: no device bound";
                return;
            }
            JsonObject device = adminDevice(step.newDevice().name());
            Answer fetched = step.newDevice().fetchClaim(step.offerId(), step.claimId(), step.claimSecret()).expect(200);
            if (device == null) {
                assertEquals("duplication confirm", step.step(), "a fetched claim's device exists");
                assertFalse(fetched.json().getString("status").equals("CONFIRMED"), "no device, yet the claim is confirmed: " + fetched);
                assertTrue(fetched.json().isNull("deviceToken"), "no token for a device that was never bound: " + fetched);
                resolution = "duplication confirm lost in the crash: nothing was bound, the claim is " + fetched.json().getString("status");
                return;
            }
            assertEquals("ACTIVE", device.getString("state"), "the duplicated device is fully bound: " + device);
            assertEquals("DUPLICATION_QR", device.getString("boundVia"));
            assertEquals("CONFIRMED", fetched.json().getString("status"));
            if (step.newDevice().token() != null) {
                known.add(step.newDevice());
                duplications++;
                resolution = step.step() + " answer lost: the device was bound and fetched its token after the restart";
            } else {
                assertEquals("duplication token fetch", step.step(), "a token withheld though never fetched: " + fetched);
                boundWithoutAnswer.add(step.newDevice().name());
                resolution = "duplication token fetch answer lost: bound, token handed out once in the lost answer";
            }
        }

        /** The restore the kill interrupted: completed entirely (new device, old ones per keep, old code dead) or not at all. */
        void resolveRestore() {
            InFlight step = inFlight;
            if (step == null || !step.step().startsWith("restore")) {
                if (step != null && step.step().equals("login")) {
                    resolution = step.step() + " in flight: changes no device";
                }
                return;
            }
            JsonObject device = adminDevice(step.newDevice().name());
            switch (step.step()) {
                case "restore start" -> {
                    assertEquals(null, device, "a restore that never got its 202 bound a device");
                    resolution = "restore start in flight: no device; the code stays the current one";
                }
                case "restore started, one-time code mail not yet seen" -> {
                    assertEquals(null, device);
                    String otp = awaitOtp(MAIL_AFTER_RESTART);
                    completed(step.newDevice(), step.keep(), step.newDevice().completeRestore(step.restoreId(), otp, step.keep())
                            .expect(201));
                    restores++;
                    resolution = "restore started before the crash: its queued one-time code mail arrived after the"
                            + " restart and completed the restore";
                }
                case "restore complete" -> {
                    if (device == null) {
                        for (DeviceSimulator old : known) {
                            assertEquals("ACTIVE", adminDevice(old.name()).getString("state"),
                                    "a restore that did not complete removed " + old.name());
                        }
                        completed(step.newDevice(), step.keep(), step.newDevice().completeRestore(step.restoreId(),
                                step.otp(), step.keep()).expect(201));
                        restores++;
                        resolution = "restore complete lost in the crash: nothing changed, the same one-time code"
                                + " completed it after the restart (once: the old code is checked below)";
                    } else {
                        assertEquals("ACTIVE", device.getString("state"), "the restored device is fully bound: " + device);
                        assertEquals(step.keep() ? "DUPLICATION_CODE" : "RESTORE", device.getString("boundVia"));
                        for (DeviceSimulator old : known) {
                            assertEquals(step.keep() ? "ACTIVE" : "UNPAIRED", adminDevice(old.name()).getString("state"),
                                    old.name() + " after a restore that " + (step.keep() ? "kept" : "wiped") + " the old devices");
                        }
                        assertEquals("invalid-otp", step.newDevice().completeRestore(step.restoreId(), step.otp(), step.keep())
                                .expect(400).code().orElseThrow(), "the one-time code of a completed restore works once");
                        if (!step.keep()) {
                            known.clear();
                        }
                        usedCodes.add(code);
                        code = null;
                        boundWithoutAnswer.add(step.newDevice().name());
                        resolution = "restore complete answer lost: the restore completed (" + (step.keep() ? "old devices kept"
                                + ")" : "old devices wiped): THE USER HOLDS NO USABLE DEVICE AND NO RESTORE CODE)")
                                + "; its new device and new code went out in the lost answer";
                    }
                }
                default -> fail("unknown step " + step.step());
            }
        }

        /** Every device the client knows works; every ACTIVE device is accounted for; none is BLOCKED. */
        void checkDevices() {
            if (known.isEmpty()) {
                assertTrue(resolution.startsWith("restore complete answer lost"), user + " has no usable device: " + summary());
            }
            for (DeviceSimulator device : known) {
                JsonObject started = vpn.startLogin(user, "after the crash").expect(201).json();
                assertEquals("APPROVED", device.decide(started.getString("id"), "APPROVE", started.getString("displayNumber"))
                        .expect(200).json().getString("status"), device.name() + " signs an approval after the restart");
            }
            List<String> expected = new ArrayList<>(known.stream().map(DeviceSimulator::name).toList());
            expected.addAll(boundWithoutAnswer);
            List<String> active = new ArrayList<>();
            for (JsonValue value : identity().getJsonArray("devices")) {
                JsonObject device = value.asJsonObject();
                assertFalse(device.getString("state").equals("BLOCKED"), "nobody blocked a device: " + device);
                if (device.getString("state").equals("ACTIVE")) {
                    active.add(device.getString("name"));
                }
            }
            assertEquals(expected.stream().sorted().toList(), active.stream().sorted().toList(),
                    user + ": the ACTIVE devices are exactly those the client knows (plus any bound in a lost answer)");
        }

        /** The newest code works exactly once; codes used by completed restores are refused. */
        void checkRestoreCodes() {
            if (code == null) {
                assertFalse(usedCodes.isEmpty());
                assertEquals("invalid-restore-credentials", client.newDevice("late").startRestore(user, usedCodes.get(usedCodes.size() - 1))
                        .expect(400).code().orElseThrow(), "the code a completed restore used (answer lost) is dead");
                return;
            }
            DeviceSimulator finalDevice = client.newDevice(deviceName("final"));
            String restoreId = finalDevice.startRestore(user, code).expect(202).json().getString("restoreId");
            restoresStarted++;
            completed(finalDevice, false, completeWithNewestOtp(finalDevice, restoreId));
            // the attempt guard locks an identity after 5 failures in a row: the 4 newest used codes
            List<String> dead = usedCodes.subList(Math.max(0, usedCodes.size() - 4), usedCodes.size());
            for (String used : dead) {
                assertEquals("invalid-restore-credentials", client.newDevice("replay").startRestore(user, used).expect(400)
                        .code().orElseThrow(), "a restore code used by a completed restore is refused");
            }
        }

        /** Every 202 restore start has its mail; duplicates only within the allowed window; answers how many. */
        int checkMails(int receivedBeforeKill) {
            List<MimeMessage> all = mail.mailsTo(email);
            Map<String, List<Integer>> positions = new LinkedHashMap<>();
            for (int i = 0; i < all.size(); i++) {
                String id = messageId(all.get(i));
                assertTrue(id.matches("<[0-9a-f-]{36}@twofold>"), "a stable outbox Message-ID: " + id);
                positions.computeIfAbsent(id, key -> new ArrayList<>()).add(i);
            }
            assertTrue(otpMails().size() >= restoresStarted, user + ": " + restoresStarted + " restores got their 202, only "
                    + otpMails().size() + " one-time code mails arrived");
            int duplicates = 0;
            for (Map.Entry<String, List<Integer>> copies : positions.entrySet()) {
                if (copies.getValue().size() > 1) {
                    assertEquals(2, copies.getValue().size(), "mail " + copies.getKey() + " sent " + copies.getValue().size() + " times");
                    assertTrue(copies.getValue().get(0) < receivedBeforeKill && copies.getValue().get(1) >= receivedBeforeKill,
                            "mail " + copies.getKey() + " ('" + TestMailServer.subjectOf(all.get(copies.getValue().get(0)))
                                    + "') sent twice outside the crash window: received as mail " + copies.getValue()
                                    + " of " + all.size() + " to " + email + ", " + receivedBeforeKill + " of them before the kill;"
                                    + " first copy: " + TestMailServer.bodyOf(all.get(copies.getValue().get(0))).length()
                                    + " characters, second: " + TestMailServer.bodyOf(all.get(copies.getValue().get(1))).length());
                    duplicates++;
                }
            }
            return duplicates;
        }

        private JsonObject identity() {
            return admin.call("GET", "identities/" + user, null).expect(200).json();
        }

        private JsonObject adminDevice(String name) {
            JsonObject found = null;
            for (JsonValue value : identity().getJsonArray("devices")) {
                if (value.asJsonObject().getString("name").equals(name)) {
                    assertEquals(null, found, "two devices named " + name);
                    found = value.asJsonObject();
                }
            }
            return found;
        }

        String summary() {
            return String.format("%s: %d logins, %d restores, %d duplications; in flight at the kill: %s; after the restart: %s",
                    user, logins, restores, duplications, inFlight == null ? "nothing" : inFlight.step(), resolution);
        }

        private static String messageId(MimeMessage message) {
            try {
                return message.getMessageID();
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }

        private static void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The appliance went away while a client waited for it. */
    static final class Stopped extends RuntimeException {
    }
}
