package org.twofold.crypto.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Signed device requests, against the shared vectors of PROTOCOL.md and against tampering. */
class RequestSignatureTest {

    private static final Duration WINDOW = Duration.ofSeconds(120);

    private static List<Vector> vectors;

    record Vector(String publicKey, String method, String path, String timestamp, String body,
                  String signedString, String signature, boolean valid, String note) {

        RequestSignature request() {
            return new RequestSignature(method, path, timestamp, body.getBytes(StandardCharsets.UTF_8), signature);
        }

        ECPublicKey key() {
            return DeviceKeys.parse(publicKey).orElseThrow(() -> new AssertionError("vector key does not parse: " + publicKey));
        }

        @Override
        public String toString() {
            return method + " " + path + (valid ? " (valid)" : " (invalid: " + note + ")");
        }
    }

    @BeforeAll
    static void loadVectors() throws IOException {
        try (InputStream in = RequestSignatureTest.class.getResourceAsStream("/vectors/signatures-v1.json")) {
            if (in == null) {
                throw new AssertionError("src/test/resources/vectors/signatures-v1.json is missing");
            }
            try (JsonReader reader = Json.createReader(in)) {
                vectors = reader.readObject().getJsonArray("vectors").getValuesAs(JsonObject.class).stream()
                        .map(v -> new Vector(v.getString("publicKey"), v.getString("method"), v.getString("path"),
                                v.getString("timestamp"), v.getString("body"), v.getString("signedString"),
                                v.getString("signature"), v.getBoolean("valid"), v.getString("note", "")))
                        .toList();
            }
        }
    }

    static Stream<Vector> vectors() throws IOException {
        loadVectors();
        return vectors.stream();
    }

    private static Vector firstValid() {
        return vectors.stream().filter(Vector::valid).findFirst().orElseThrow();
    }

    @Test
    void theVectorFileHoldsValidAndInvalidVectors() {
        assertTrue(vectors.stream().filter(Vector::valid).count() >= 3, "valid vectors");
        assertTrue(vectors.stream().anyMatch(v -> !v.valid()), "invalid vectors");
        assertTrue(vectors.stream().anyMatch(v -> v.body().isEmpty()), "a vector with an empty body");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void signedStringMatchesTheVector(Vector vector) throws GeneralSecurityException {
        if (vector.valid()) {
            assertEquals(vector.signedString(), vector.request().signedString());
        } else if (!vector.signedString().equals(vector.request().signedString())) {
            // the request differs from what was signed (e.g. body changed after signing):
            // then the vector's signedString is what the device really signed
            assertTrue(jdkVerifies(vector.key(), vector.signedString(), vector.signature()),
                    "an invalid vector's signedString is what was signed");
        }
    }

    @Test
    void bodyChangedAfterSigningChangesOnlyTheBodyHash() {
        Vector changed = vectors.stream().filter(v -> !v.valid() && v.note().contains("body")).findFirst().orElseThrow();
        String computed = changed.request().signedString();
        String declared = changed.signedString();
        assertNotEquals(declared, computed);
        assertEquals(declared.substring(0, declared.lastIndexOf('\n')), computed.substring(0, computed.lastIndexOf('\n')));
        assertFalse(changed.request().verifiesWith(changed.key()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void vectorVerifiesExactlyWhenMarkedValid(Vector vector) {
        assertEquals(vector.valid(), vector.request().verifiesWith(vector.key()));
    }

    @Test
    void emptyBodyHashesTheEmptyString() {
        RequestSignature empty = new RequestSignature("DELETE", "/api/v1/device/devices/42", "1", new byte[0], "");
        // base64url(SHA-256("")), e3b0c442... in hex
        assertTrue(empty.signedString().endsWith("\n47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU"));
        assertEquals("DELETE\n/api/v1/device/devices/42\n1\n47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU",
                empty.signedString());
    }

    @Test
    void tamperedBodyFails() {
        Vector v = firstValid();
        RequestSignature tampered = new RequestSignature(v.method(), v.path(), v.timestamp(),
                (v.body() + " ").getBytes(StandardCharsets.UTF_8), v.signature());
        assertFalse(tampered.verifiesWith(v.key()));
    }

    @Test
    void tamperedPathFails() {
        Vector v = firstValid();
        RequestSignature tampered = new RequestSignature(v.method(), v.path() + "/", v.timestamp(),
                v.body().getBytes(StandardCharsets.UTF_8), v.signature());
        assertFalse(tampered.verifiesWith(v.key()));
    }

    @Test
    void tamperedMethodFails() {
        Vector v = firstValid();
        String other = v.method().equals("PUT") ? "POST" : "PUT";
        RequestSignature tampered = new RequestSignature(other, v.path(), v.timestamp(),
                v.body().getBytes(StandardCharsets.UTF_8), v.signature());
        assertFalse(tampered.verifiesWith(v.key()));
        RequestSignature lowerCase = new RequestSignature(v.method().toLowerCase(), v.path(), v.timestamp(),
                v.body().getBytes(StandardCharsets.UTF_8), v.signature());
        assertFalse(lowerCase.verifiesWith(v.key()));
    }

    @Test
    void tamperedTimestampFails() {
        Vector v = firstValid();
        String later = String.valueOf(Long.parseLong(v.timestamp()) + 1);
        RequestSignature tampered = new RequestSignature(v.method(), v.path(), later,
                v.body().getBytes(StandardCharsets.UTF_8), v.signature());
        assertFalse(tampered.verifiesWith(v.key()));
    }

    @Test
    void anotherKeyFails() throws GeneralSecurityException {
        Vector v = firstValid();
        assertTrue(v.request().verifiesWith(v.key()), "precondition");
        ECPublicKey stranger = (ECPublicKey) p256().getPublic();
        assertFalse(v.request().verifiesWith(stranger));
    }

    @Test
    void signatureOfWrongLengthFails() {
        Vector v = firstValid();
        byte[] raw = Base64Url.decode(v.signature()).orElseThrow();
        assertEquals(64, raw.length, "precondition: P1363 is r||s, 64 bytes");
        for (byte[] wrong : List.of(new byte[0], Arrays.copyOf(raw, 63), Arrays.copyOf(raw, 65),
                Arrays.copyOf(raw, 128))) {
            assertFalse(withSignature(v, Base64Url.encode(wrong)).verifiesWith(v.key()), "length " + wrong.length);
        }
        assertFalse(withSignature(v, "").verifiesWith(v.key()));
    }

    @Test
    void derEncodedSignatureOfTheSameValuesFails() throws GeneralSecurityException {
        Vector v = firstValid();
        byte[] raw = Base64Url.decode(v.signature()).orElseThrow();
        byte[] der = toDer(raw);
        Signature derVerifier = Signature.getInstance("SHA256withECDSA");
        derVerifier.initVerify(v.key());
        derVerifier.update(v.signedString().getBytes(StandardCharsets.UTF_8));
        assertTrue(derVerifier.verify(der), "precondition: the DER form is the same, valid signature");
        assertFalse(withSignature(v, Base64Url.encode(der)).verifiesWith(v.key()));
    }

    @Test
    void derSignatureFromJavaDefaultAlgorithmFails() throws GeneralSecurityException {
        KeyPair pair = p256();
        RequestSignature unsigned = new RequestSignature("POST", "/api/v1/device/duplications", "1700000000000",
                "{}".getBytes(StandardCharsets.UTF_8), null);
        Signature der = Signature.getInstance("SHA256withECDSA");
        der.initSign(pair.getPrivate());
        der.update(unsigned.signedString().getBytes(StandardCharsets.UTF_8));
        byte[] derSignature = der.sign();
        assertEquals(0x30, derSignature[0] & 0xff, "precondition: an ASN.1 SEQUENCE");
        RequestSignature request = new RequestSignature(unsigned.method(), unsigned.path(), unsigned.timestamp(),
                unsigned.body(), Base64Url.encode(derSignature));
        assertFalse(request.verifiesWith((ECPublicKey) pair.getPublic()));
    }

    @Test
    void allZeroSignatureFails() {
        Vector v = firstValid();
        assertFalse(withSignature(v, Base64Url.encode(new byte[64])).verifiesWith(v.key()));
    }

    @Test
    void nonBase64UrlSignatureFails() {
        Vector v = firstValid();
        String good = v.signature();
        assertTrue(good.contains("-") || good.contains("_"), "precondition: the vector uses the url alphabet");
        byte[] raw = Base64Url.decode(good).orElseThrow();
        List<String> wrong = List.of(
                Base64.getEncoder().withoutPadding().encodeToString(raw), // standard alphabet
                Base64.getUrlEncoder().encodeToString(raw),                // padded
                good + "==",
                good.substring(0, 40) + " " + good.substring(40),
                " " + good,
                good + "\n",
                good.substring(0, good.length() - 1) + "!",
                "not a signature");
        for (String signature : wrong) {
            assertFalse(withSignature(v, signature).verifiesWith(v.key()), signature);
        }
        assertFalse(withSignature(v, null).verifiesWith(v.key()));
    }

    @Test
    void freshKeySignedWithP1363FormatVerifies() throws GeneralSecurityException {
        KeyPair pair = p256();
        byte[] body = "{\"decision\":\"APPROVE\",\"number\":\"47\"}".getBytes(StandardCharsets.UTF_8);
        String timestamp = String.valueOf(System.currentTimeMillis());
        RequestSignature unsigned = new RequestSignature("POST", "/api/v1/device/auth-sessions/abc/decision",
                timestamp, body, null);
        Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
        signer.initSign(pair.getPrivate());
        signer.update(unsigned.signedString().getBytes(StandardCharsets.UTF_8));
        byte[] p1363 = signer.sign();
        assertEquals(64, p1363.length);

        // the key travels as base64url SPKI, exactly as a device sends it
        ECPublicKey key = DeviceKeys.parse(Base64Url.encode(pair.getPublic().getEncoded())).orElseThrow();
        RequestSignature signed = new RequestSignature(unsigned.method(), unsigned.path(), timestamp, body,
                Base64Url.encode(p1363));
        assertTrue(signed.verifiesWith(key));
        assertTrue(signed.isFresh(Instant.now(), WINDOW));

        RequestSignature otherBody = new RequestSignature(unsigned.method(), unsigned.path(), timestamp,
                "{\"decision\":\"APPROVE\",\"number\":\"48\"}".getBytes(StandardCharsets.UTF_8), signed.signature());
        assertFalse(otherBody.verifiesWith(key));
    }

    @Test
    void isFreshInsideTheWindowInBothDirections() {
        Instant now = Instant.ofEpochMilli(1_795_734_546_588L);
        for (long offset : new long[] {0, 1, -1, 60_000, -60_000, 119_999, -119_999, 120_000, -120_000}) {
            assertTrue(at(now.toEpochMilli() + offset).isFresh(now, WINDOW), "offset " + offset);
        }
    }

    @Test
    void isNotFreshOutsideTheWindowInBothDirections() {
        Instant now = Instant.ofEpochMilli(1_795_734_546_588L);
        for (long offset : new long[] {120_001, -120_001, 3_600_000, -3_600_000, -now.toEpochMilli()}) {
            assertFalse(at(now.toEpochMilli() + offset).isFresh(now, WINDOW), "offset " + offset);
        }
    }

    @Test
    void vectorTimestampsAreOldAndThereforeNotFreshNow() {
        Vector v = firstValid();
        assertFalse(v.request().isFresh(Instant.now().plus(Duration.ofDays(3650)), WINDOW));
        assertTrue(v.request().isFresh(Instant.ofEpochMilli(Long.parseLong(v.timestamp())), WINDOW));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "abc", "1795734546588ms", "1795734546588.0", "1.795734546588e12",
            " 1795734546588", "0x1A2B", "99999999999999999999999"})
    void nonNumericTimestampsAreNeverFresh(String timestamp) {
        RequestSignature request = new RequestSignature("GET", "/api/v1/device/inbox", timestamp, new byte[0], "");
        assertFalse(request.isFresh(Instant.ofEpochMilli(1_795_734_546_588L), WINDOW));
    }

    @Test
    void extremeTimestampsDoNotWrapAroundIntoTheWindow() {
        Instant now = Instant.ofEpochMilli(1_795_734_546_588L);
        // now - ts overflows a long to exactly Long.MIN_VALUE, whose absolute value is still negative
        long wrapping = now.toEpochMilli() + Long.MIN_VALUE;
        for (long ts : new long[] {wrapping, wrapping + 1, wrapping - 1, Long.MIN_VALUE, Long.MAX_VALUE}) {
            assertFalse(at(ts).isFresh(now, WINDOW), "timestamp " + ts);
        }
    }

    @Test
    void bodyHashCoversEveryByte() {
        byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        RequestSignature one = new RequestSignature("POST", "/api/v1/x", "1", body, "");
        byte[] changed = body.clone();
        changed[changed.length - 2] = '2';
        RequestSignature two = new RequestSignature("POST", "/api/v1/x", "1", changed, "");
        assertNotEquals(one.signedString(), two.signedString());
        assertArrayEquals(RequestSignature.sha256(body), RequestSignature.sha256(body.clone()));
    }

    private static RequestSignature at(long epochMillis) {
        return new RequestSignature("GET", "/api/v1/device/inbox", String.valueOf(epochMillis), new byte[0], "");
    }

    private static RequestSignature withSignature(Vector v, String signature) {
        return new RequestSignature(v.method(), v.path(), v.timestamp(), v.body().getBytes(StandardCharsets.UTF_8),
                signature);
    }

    private static boolean jdkVerifies(ECPublicKey key, String signedString, String signature)
            throws GeneralSecurityException {
        Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
        verifier.initVerify(key);
        verifier.update(signedString.getBytes(StandardCharsets.UTF_8));
        return verifier.verify(Base64Url.decode(signature).orElseThrow());
    }

    private static KeyPair p256() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    /** ASN.1 DER SEQUENCE { INTEGER r, INTEGER s } of a P1363 r||s signature. */
    private static byte[] toDer(byte[] p1363) {
        byte[] r = new BigInteger(1, Arrays.copyOfRange(p1363, 0, 32)).toByteArray();
        byte[] s = new BigInteger(1, Arrays.copyOfRange(p1363, 32, 64)).toByteArray();
        int length = 2 + r.length + 2 + s.length;
        byte[] der = new byte[2 + length];
        der[0] = 0x30;
        der[1] = (byte) length;
        der[2] = 0x02;
        der[3] = (byte) r.length;
        System.arraycopy(r, 0, der, 4, r.length);
        der[4 + r.length] = 0x02;
        der[5 + r.length] = (byte) s.length;
        System.arraycopy(s, 0, der, 6 + r.length, s.length);
        return der;
    }
}
