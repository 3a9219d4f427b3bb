package org.twofold.testing;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;

import org.twofold.simulator.Answer;
import org.twofold.simulator.Appliance;
import org.twofold.simulator.DeviceSimulator;

/**
 * A device call built by hand, so that tests can send what an attacker or a broken client would: the
 * signature over other bytes than the ones sent, by another key, with another timestamp, in another
 * encoding, or without headers at all. By default it is a correct signed call of the device
 * (PROTOCOL.md: {@code METHOD \n PATH \n TIMESTAMP \n base64url(SHA-256(body))}, P1363).
 */
public final class SignedCall {

    private final Appliance appliance;
    private String method;
    private String path;
    private byte[] body = new byte[0];
    private String contentType;
    private boolean contentTypeSet;
    private boolean chunked;
    private PrivateKey key;
    private String token;
    private String signedMethod;
    private String signedPath;
    private byte[] signedBody;
    private String timestamp;
    private String signature;
    private String signatureAlgorithm = "SHA256withECDSAinP1363Format";
    private boolean sendTimestamp = true;
    private boolean sendSignature = true;

    private SignedCall(Appliance appliance) {
        this.appliance = appliance;
    }

    /** A call by this device: signed with its key, carrying its token. */
    public static SignedCall by(Appliance appliance, DeviceSimulator device) {
        SignedCall call = new SignedCall(appliance);
        call.key = device.privateKey();
        call.token = device.token();
        return call;
    }

    /** A call without token (a device being created), signed with this key. */
    public static SignedCall withKey(Appliance appliance, PrivateKey key) {
        SignedCall call = new SignedCall(appliance);
        call.key = key;
        return call;
    }

    public SignedCall request(String method, String path, String body) {
        return request(method, path, body.getBytes(StandardCharsets.UTF_8));
    }

    public SignedCall request(String method, String path, byte[] body) {
        this.method = method;
        this.path = path;
        this.body = body;
        return this;
    }

    /**
     * Sends this Content-Type, even with an empty body, or none at all for {@code null} (by default:
     * application/json when there is a body).
     */
    public SignedCall contentType(String contentType) {
        this.contentType = contentType;
        this.contentTypeSet = true;
        return this;
    }

    /** Sends the body with chunked transfer encoding, without Content-Length. */
    public SignedCall chunked() {
        this.chunked = true;
        return this;
    }

    public SignedCall signedWith(PrivateKey otherKey) {
        this.key = otherKey;
        return this;
    }

    /** What the signature covers, when it should differ from what is sent. */
    public SignedCall signedAs(String method, String path, String body) {
        this.signedMethod = method;
        this.signedPath = path;
        this.signedBody = body.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    public SignedCall timestamp(String timestamp) {
        this.timestamp = timestamp;
        return this;
    }

    public SignedCall timestamp(long epochMillis) {
        return timestamp(Long.toString(epochMillis));
    }

    /** Sends this header value instead of the computed signature. */
    public SignedCall signature(String signature) {
        this.signature = signature;
        return this;
    }

    /** Signs with another JCA algorithm, e.g. {@code SHA256withECDSA} (ASN.1 DER instead of P1363). */
    public SignedCall signatureAlgorithm(String algorithm) {
        this.signatureAlgorithm = algorithm;
        return this;
    }

    public SignedCall token(String token) {
        this.token = token;
        return this;
    }

    public SignedCall withoutTimestampHeader() {
        this.sendTimestamp = false;
        return this;
    }

    public SignedCall withoutSignatureHeader() {
        this.sendSignature = false;
        return this;
    }

    /** The signature value this call would send. */
    public String computeSignature() {
        String ts = timestamp();
        byte[] coveredBody = signedBody != null ? signedBody : body;
        String signedString = (signedMethod != null ? signedMethod : method) + "\n"
                + (signedPath != null ? signedPath : path) + "\n" + ts + "\n" + base64Url(sha256(coveredBody));
        try {
            Signature signer = Signature.getInstance(signatureAlgorithm);
            signer.initSign(key);
            signer.update(signedString.getBytes(StandardCharsets.UTF_8));
            return base64Url(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public Answer send() {
        String ts = timestamp();
        HttpRequest.Builder request = HttpRequest.newBuilder(appliance.uri(path))
                .method(method, publisher(body, chunked));
        if (contentTypeSet) {
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
        } else if (body.length > 0) {
            request.header("Content-Type", "application/json");
        }
        if (sendTimestamp) {
            request.header("Twofold-Timestamp", ts);
        }
        if (sendSignature) {
            request.header("Twofold-Signature", signature != null ? signature : computeSignature());
        }
        if (token != null) {
            request.header("Authorization", "Device " + token);
        }
        return appliance.send(request);
    }

    /** A body as sent: with Content-Length, or chunked (length unknown to the server until the end). */
    public static HttpRequest.BodyPublisher publisher(byte[] body, boolean chunked) {
        if (chunked) {
            return HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body));
        }
        return body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body);
    }

    private String timestamp() {
        if (timestamp == null) {
            timestamp = Long.toString(System.currentTimeMillis());
        }
        return timestamp;
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
