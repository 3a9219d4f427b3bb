package org.twofold.restore;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;

import org.twofold.simulator.Answer;
import org.twofold.simulator.Appliance;
import org.twofold.simulator.DeviceSimulator;
import org.twofold.testing.ApplianceServer;
import org.twofold.testing.Fixtures;
import org.twofold.testing.TestMailServer;

/**
 * Restore steps the restore integration tests share, through the public protocol only: a user whose
 * restore is on, the OTP of the n-th restore started, inbox notifications and audit entries.
 */
final class RestoreFixtures {

    static final String OTP_SUBJECT = "one-time code";
    private static final Pattern OTP = Pattern.compile("(\\d{4}) (\\d{4})");
    private static final String CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final SecureRandom RANDOM = new SecureRandom();

    private RestoreFixtures() {
    }

    static String email(String user) {
        return user + "@corp.test";
    }

    /** Switches restore on from the device; answers the code shown once. */
    static String activateRestore(DeviceSimulator device) {
        return device.activateRestore().expect(201).json().getString("code");
    }

    /** A code in the restore code's format (28 Crockford characters in groups of four) that is not the user's. */
    static String wrongCode() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 28; i++) {
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            code.append(CROCKFORD.charAt(RANDOM.nextInt(CROCKFORD.length())));
        }
        return code.toString();
    }

    /** Eight digits that are not {@code notThis}. */
    static String wrongOtp(String notThis) {
        String otp;
        do {
            otp = String.format("%08d", RANDOM.nextInt(100_000_000));
        } while (otp.equals(notThis));
        return otp;
    }

    static List<MimeMessage> otpMails(ApplianceServer server, String user) {
        return server.mail().mailsTo(email(user)).stream()
                .filter(mail -> TestMailServer.subjectOf(mail).contains(OTP_SUBJECT)).toList();
    }

    /** The OTP of the {@code n}-th (1-based) OTP mail to the user, waiting for it up to 30 s. */
    static String awaitOtp(ApplianceServer server, String user, int n) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            List<MimeMessage> mails = otpMails(server, user);
            if (mails.size() >= n) {
                Matcher matcher = OTP.matcher(TestMailServer.bodyOf(mails.get(n - 1)));
                if (matcher.find()) {
                    return matcher.group(1) + matcher.group(2);
                }
                throw new AssertionError("OTP mail without a code: " + TestMailServer.bodyOf(mails.get(n - 1)));
            }
            sleep(100);
        }
        throw new AssertionError("OTP mail number " + n + " to " + user + " did not arrive within 30 s");
    }

    /** Step one from this device; answers the restore id (expects 202). */
    static String start(DeviceSimulator newDevice, String user, String code) {
        return newDevice.startRestore(user, code).expect(202).json().getString("restoreId");
    }

    /** Both steps from a new device at the given address; answers the bound device. */
    static DeviceSimulator restore(ApplianceServer server, Appliance from, String user, String code, String deviceName,
                                   boolean keepOldDevices) {
        int mailsBefore = otpMails(server, user).size();
        DeviceSimulator device = from.newDevice(deviceName);
        String restoreId = start(device, user, code);
        String otp = awaitOtp(server, user, mailsBefore + 1);
        device.completeRestore(restoreId, otp, keepOldDevices).expect(201);
        return device;
    }

    static List<JsonObject> notifications(DeviceSimulator device) {
        return device.inbox().expect(200).json().getJsonArray("notifications").getValuesAs(JsonObject.class);
    }

    /** The newest notification of this type about this device, as the watching device's inbox lists it. */
    static JsonObject notification(DeviceSimulator watcher, String type, String aboutDeviceId) {
        return notifications(watcher).stream()
                .filter(n -> n.getString("type").equals(type) && n.getString("deviceId").equals(aboutDeviceId))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " about " + aboutDeviceId + " in "
                        + notifications(watcher)));
    }

    static List<JsonObject> devices(ApplianceServer server, String user) {
        return Fixtures.identity(server, user).getJsonArray("devices").getValuesAs(JsonObject.class);
    }

    static boolean restoreLocked(ApplianceServer server, String user) {
        return Fixtures.identity(server, user).getJsonObject("restore").getBoolean("locked");
    }

    static List<JsonObject> audit(ApplianceServer server, String target, String action) {
        return server.admin().call("GET", "audit?limit=500&target=" + URLEncoder.encode(target, StandardCharsets.UTF_8)
                + "&action=" + URLEncoder.encode(action, StandardCharsets.UTF_8), null).expect(200).array()
                .getValuesAs(JsonObject.class);
    }

    static String deviceTarget(String deviceId, String user) {
        return "device:" + deviceId + " (" + user + ")";
    }

    static Answer unlockRestore(ApplianceServer server, String user) {
        return server.admin().call("POST", "identities/" + user + "/restore-unlock", null);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
