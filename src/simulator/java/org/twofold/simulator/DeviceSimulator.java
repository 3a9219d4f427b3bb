package org.twofold.simulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.json.JsonObject;

/**
 * A phone as PROTOCOL.md sees it: a real P-256 key, the device token, signed calls and the event stream.
 * Tests and benchmarks drive it exactly as an outside client would.
 */
public final class DeviceSimulator {

    private final Appliance appliance;
    private final String name;
    private final KeyPair keys;
    private String deviceId;
    private String token;
    private String user;
    private JsonObject lastRestore;

    DeviceSimulator(Appliance appliance, String name) {
        this(appliance, name, newKeyPair());
    }

    DeviceSimulator(Appliance appliance, String name, KeyPair keys) {
        this.appliance = appliance;
        this.name = name;
        this.keys = keys;
    }

    /** The same device (key, id, token) talking to another node of the appliance. */
    public DeviceSimulator on(Appliance node) {
        return new DeviceSimulator(node, name, keys).enrolledAs(user, deviceId, token);
    }

    /** Takes up the identity of a device enrolled earlier (e.g. by a previous release), from what it kept. */
    DeviceSimulator enrolledAs(String user, String deviceId, String token) {
        this.user = user;
        this.deviceId = deviceId;
        this.token = token;
        return this;
    }

    public static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String publicKey() {
        return b64(keys.getPublic().getEncoded());
    }

    public String deviceId() {
        return deviceId;
    }

    public String token() {
        return token;
    }

    public String user() {
        return user;
    }

    public String name() {
        return name;
    }

    public JsonObject restore() {
        return lastRestore;
    }

    /** Enrolls with an activation code; remembers the device id and token on success. */
    public Answer enroll(String activationCode) {
        String body = Json.object("activationCode", activationCode, "publicKey", publicKey(),
                "deviceName", name, "platform", "simulator");
        Answer answer = signed("POST", "/api/v1/device/enroll", body, false);
        if (answer.status() == 201) {
            JsonObject json = answer.json();
            deviceId = json.getString("deviceId");
            token = json.getString("deviceToken");
            user = json.getString("user");
            lastRestore = json.getJsonObject("restore");
        }
        return answer;
    }

    /** Step one of a restore on this (new) device: user and restore code, no key needed yet. */
    public Answer startRestore(String user, String restoreCode) {
        return appliance.request("POST", "/api/v1/restore", Json.object("user", user, "restoreCode", restoreCode));
    }

    /** Step two, signed by this device's new key; remembers id and token on success. */
    public Answer completeRestore(String restoreId, String otp, boolean keepOldDevices) {
        return completeRestore(restoreId, otp, keepOldDevices, null);
    }

    public Answer completeRestore(String restoreId, String otp, boolean keepOldDevices, String replacesDeviceId) {
        String body = replacesDeviceId == null
                ? Json.object("otp", otp, "publicKey", publicKey(), "deviceName", name, "platform", "simulator",
                        "keepOldDevices", keepOldDevices)
                : Json.object("otp", otp, "publicKey", publicKey(), "deviceName", name, "platform", "simulator",
                        "keepOldDevices", keepOldDevices, "replacesDeviceId", replacesDeviceId);
        Answer answer = signed("POST", "/api/v1/restore/" + restoreId + "/complete", body, false);
        if (answer.status() == 201) {
            JsonObject json = answer.json();
            deviceId = json.getString("deviceId");
            token = json.getString("deviceToken");
            user = json.getString("user");
            lastRestore = json.getJsonObject("restore");
        }
        return answer;
    }

    public Answer activateRestore() {
        return signed("POST", "/api/v1/device/restore-activation", "{}", true);
    }

    /** The old device offers duplication; the answer's {@code qr} is the link the new device scans. */
    public Answer offerDuplication() {
        return signed("POST", "/api/v1/device/duplications", "{}", true);
    }

    public Answer confirmDuplication(String offerId, String claimId) {
        return signed("POST", "/api/v1/device/duplications/" + offerId + "/confirm", Json.object("claimId", claimId), true);
    }

    public Answer rejectDuplication(String offerId, String claimId) {
        return signed("POST", "/api/v1/device/duplications/" + offerId + "/reject", Json.object("claimId", claimId), true);
    }

    /** The new device claims an offer it scanned ({@code twofold://dup?h=…&o=<offerId>&s=<secret>}). */
    public Answer claimDuplication(String offerId, String secret) {
        return signed("POST", "/api/v1/duplications/" + offerId + "/claim",
                Json.object("secret", secret, "publicKey", publicKey(), "deviceName", name, "platform", "simulator"), false);
    }

    /** Polls the claim; remembers id and token when the confirmed claim hands them over. */
    public Answer fetchClaim(String offerId, String claimId, String claimSecret) {
        Answer answer = appliance.request("GET", "/api/v1/duplications/" + offerId + "/claims/" + claimId
                + "?secret=" + java.net.URLEncoder.encode(claimSecret, StandardCharsets.UTF_8), null);
        if (answer.status() == 200 && !answer.json().isNull("deviceToken")) {
            deviceId = answer.json().getString("deviceId");
            token = answer.json().getString("deviceToken");
        }
        return answer;
    }

    public Answer block(String notificationId) {
        return signed("POST", "/api/v1/device/notifications/" + notificationId + "/block", "{}", true);
    }

    public Answer inbox() {
        return read("/api/v1/device/inbox");
    }

    public Answer devices() {
        return read("/api/v1/device/devices");
    }

    public Answer decide(String sessionId, String decision, String number) {
        String body = number == null ? Json.object("decision", decision) : Json.object("decision", decision, "number", number);
        return signed("POST", "/api/v1/device/auth-sessions/" + sessionId + "/decision", body, true);
    }

    public Answer unpair(String otherDeviceId) {
        return signed("DELETE", "/api/v1/device/devices/" + otherDeviceId, "", true);
    }

    public Answer read(String path) {
        return appliance.request("GET", path, null, "Authorization", "Device " + token);
    }

    /** A call signed by this device's key, with its token when it has one and {@code withToken} is set. */
    public Answer signed(String method, String path, String body, boolean withToken) {
        return signedAt(method, path, body, withToken, System.currentTimeMillis());
    }

    public Answer signedAt(String method, String path, String body, boolean withToken, long timestamp) {
        String signature = sign(keys.getPrivate(), method, path, Long.toString(timestamp), body);
        List<String> headers = new ArrayList<>(List.of("Twofold-Timestamp", Long.toString(timestamp),
                "Twofold-Signature", signature));
        if (withToken) {
            headers.add("Authorization");
            headers.add("Device " + token);
        }
        return appliance.request(method, path, body.isEmpty() ? null : body, headers.toArray(String[]::new));
    }

    /** PROTOCOL.md signature: METHOD \n PATH \n TIMESTAMP \n base64url(SHA-256(body)), P1363. */
    public static String sign(PrivateKey key, String method, String path, String timestamp, String body) {
        try {
            byte[] bodyHash = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
            String signedString = method + "\n" + path + "\n" + timestamp + "\n" + b64(bodyHash);
            Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
            signer.initSign(key);
            signer.update(signedString.getBytes(StandardCharsets.UTF_8));
            return b64(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public PrivateKey privateKey() {
        return keys.getPrivate();
    }

    /** Opens {@code /device/events}; each received event's data arrives in the queue as JSON. */
    public EventStream events() {
        HttpRequest request = appliance.withOrigin(HttpRequest.newBuilder(appliance.uri("api/v1/device/events"))
                .header("Authorization", "Device " + token)
                .header("Accept", "text/event-stream")
                .GET()).build();
        EventStream stream = new EventStream();
        appliance.http().sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                .thenAccept(response -> stream.consume(response.statusCode(), response.body()));
        return stream;
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The events of one open stream. */
    public static final class EventStream implements AutoCloseable {
        private final BlockingQueue<JsonObject> events = new LinkedBlockingQueue<>();
        private volatile InputStream body;
        private volatile int status;
        private volatile boolean ended;

        void consume(int statusCode, InputStream input) {
            status = statusCode;
            body = input;
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8))) {
                StringBuilder data = new StringBuilder();
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.startsWith("data:")) {
                        data.append(line.substring(5).strip());
                    } else if (line.isEmpty() && data.length() > 0) {
                        events.add(Json.parse(data.toString()));
                        data.setLength(0);
                    }
                }
            } catch (IOException closed) {
                // the stream ends when the server closes it or the test closes it
            } finally {
                ended = true;
            }
        }

        /** The next event, or null after the timeout. */
        public JsonObject next(long timeout, TimeUnit unit) throws InterruptedException {
            return events.poll(timeout, unit);
        }

        /** The next event whose {@code type} is the given one; fails after 10 s. */
        public JsonObject awaitType(String type) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                JsonObject event = events.poll(200, TimeUnit.MILLISECONDS);
                if (event != null && type.equals(event.getString("type", null))) {
                    return event;
                }
            }
            throw new AssertionError("no " + type + " event within 10 s");
        }

        /** Waits until the server answered the stream request; fails unless it answered 200. */
        public void awaitOpen() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (status == 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            if (status != 200) {
                throw new AssertionError("the event stream answered " + status);
            }
        }

        public int status() {
            return status;
        }

        public boolean ended() {
            return ended;
        }

        @Override
        public void close() throws IOException {
            InputStream open = body;
            if (open != null) {
                open.close();
            }
        }
    }
}
