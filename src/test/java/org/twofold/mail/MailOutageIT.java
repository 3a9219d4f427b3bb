package org.twofold.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.twofold.simulator.DeviceSimulator;
import org.twofold.testing.ApplianceExtension;
import org.twofold.testing.ApplianceServer;
import org.twofold.testing.Fixtures;
import org.twofold.testing.TestMailServer;

/**
 * The transactional outbox (DESIGN.md, "a mail server outage delays mail and loses none"): with the SMTP
 * server down, step one of a restore still answers that the code is on its way; the OTP mail leaves with the
 * outbox's retries once the server is back (5 s, 10 s, 20 s … apart), exactly once, and the restore completes.
 */
@ExtendWith(ApplianceExtension.class)
class MailOutageIT {

    private static final Pattern OTP = Pattern.compile("(\\d{4}) (\\d{4})");

    @Test
    void theOtpQueuedDuringAnOutageArrivesOnceTheMailServerIsBack(ApplianceServer server) {
        String user = Fixtures.unique("outage");
        String email = user + "@corp.test";
        DeviceSimulator phone = Fixtures.enrolledUser(server, user);
        String code = phone.activateRestore().expect(201).json().getString("code");
        DeviceSimulator newPhone = server.client().from(Fixtures.uniqueAddress()).newDevice("new phone");

        JsonObject started;
        server.mail().stop();
        try {
            long failuresBefore = sendFailuresLogged(server);
            started = newPhone.startRestore(user, code).expect(202).json();
            assertEquals("o***@c***.test", started.getString("otpSentTo"));
            awaitUntil(() -> sendFailuresLogged(server) > failuresBefore, Duration.ofSeconds(20),
                    "the outbox tried to send while the mail server was down");
        } finally {
            server.mail().startAgain();
        }

        MimeMessage mail = server.mail().awaitMail(email, "one-time code", Duration.ofSeconds(60));
        Matcher otp = OTP.matcher(TestMailServer.bodyOf(mail));
        assertTrue(otp.find(), "the mail carries the one-time code");
        newPhone.completeRestore(started.getString("restoreId"), otp.group(1) + otp.group(2), false).expect(201);
        newPhone.inbox().expect(200);

        // One more retry round (5 s) passes: the sent mail is not sent again.
        sleep(6_000);
        List<MimeMessage> otpMails = server.mail().mailsTo(email).stream()
                .filter(m -> TestMailServer.subjectOf(m).contains("one-time code")).toList();
        assertEquals(1, otpMails.size(), "exactly one OTP mail for the one restore");
    }

    /** Lines the outbox sender logs for each failed send ("Mail … not sent (attempt n), will retry"). */
    private static long sendFailuresLogged(ApplianceServer server) {
        try {
            return Files.readAllLines(server.log(), StandardCharsets.ISO_8859_1).stream()
                    .filter(line -> line.contains("not sent (attempt")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition, Duration timeout, String what) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            sleep(200);
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
