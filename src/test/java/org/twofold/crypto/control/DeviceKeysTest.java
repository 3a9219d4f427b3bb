package org.twofold.crypto.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Device public keys: base64url SPKI of an ECDSA P-256 key whose point is on the curve, nothing else. */
class DeviceKeysTest {

    /** A P-256 SPKI is a fixed 26-byte header followed by the uncompressed point 04 || X(32) || Y(32). */
    private static final int POINT_OFFSET = 26;

    private static final BigInteger P = new BigInteger(
            "FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF", 16);
    private static final BigInteger A = P.subtract(BigInteger.valueOf(3));
    private static final BigInteger B = new BigInteger(
            "5AC635D8AA3A93E7B3EBBD55769886BC651D06B0CC53B0F63BCE3C3E27D2604B", 16);

    @Test
    void acceptsAFreshP256Key() throws GeneralSecurityException {
        ECPublicKey key = (ECPublicKey) generate("EC", new ECGenParameterSpec("secp256r1"));
        Optional<ECPublicKey> parsed = DeviceKeys.parse(Base64Url.encode(key.getEncoded()));
        assertTrue(parsed.isPresent());
        assertEquals(key.getW(), parsed.get().getW());
        assertEquals(256, parsed.get().getParams().getOrder().bitLength());
    }

    @Test
    void acceptsTheKeyOfTheSharedVectors() {
        String webCryptoExport = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEokWx6PmMWxE_eyiIa_8YBE20Hq5rS5b41NCBBiSjB8yUMIx5db11Pbjl31DmTeaUHNS7CrHPGDFoiQHLgTic_Q";
        assertTrue(DeviceKeys.parse(webCryptoExport).isPresent());
    }

    @Test
    void refusesAP384Key() throws GeneralSecurityException {
        PublicKey key = generate("EC", new ECGenParameterSpec("secp384r1"));
        assertEquals(Optional.empty(), DeviceKeys.parse(Base64Url.encode(key.getEncoded())));
    }

    @Test
    void refusesAKeyOnAnotherCurveEvenIfItsPointFitsTheP256Field() throws GeneralSecurityException {
        // A P-521 SPKI whose point satisfies y^2 = x^3 + a521*x + b521 modulo the P-256 prime: only the
        // curve check itself can refuse it (the JDK decodes it without checking the point).
        PublicKey p521 = generate("EC", new ECGenParameterSpec("secp521r1"));
        java.security.spec.ECParameterSpec params = ((ECPublicKey) p521).getParams();
        BigInteger a = params.getCurve().getA();
        BigInteger b = params.getCurve().getB();
        BigInteger x = BigInteger.ONE;
        BigInteger y;
        while (true) {
            BigInteger rhs = x.pow(3).add(a.multiply(x)).add(b).mod(P);
            y = rhs.modPow(P.add(BigInteger.ONE).shiftRight(2), P);
            if (y.pow(2).mod(P).equals(rhs)) {
                break;
            }
            x = x.add(BigInteger.ONE);
        }
        byte[] spki = p521.getEncoded();
        int coordinate = 66;
        int point = spki.length - 1 - 2 * coordinate;
        assertEquals(0x04, spki[point], "precondition: uncompressed point");
        byte[] forged = concat(Arrays.copyOf(spki, point + 1), toFixed(x, coordinate), toFixed(y, coordinate));
        assertInstanceOf(ECPublicKey.class,
                KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(forged)), "precondition: the JDK takes it");

        assertEquals(Optional.empty(), DeviceKeys.parse(Base64Url.encode(forged)));
    }

    @Test
    void refusesAnRsaKey() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        PublicKey key = generator.generateKeyPair().getPublic();
        assertEquals(Optional.empty(), DeviceKeys.parse(Base64Url.encode(key.getEncoded())));
    }

    @Test
    void refusesGarbageBytes() {
        byte[] garbage = new byte[91];
        new SecureRandom().nextBytes(garbage);
        assertEquals(Optional.empty(), DeviceKeys.parse(Base64Url.encode(garbage)));
        assertEquals(Optional.empty(), DeviceKeys.parse(Base64Url.encode(new byte[91])));
    }

    @Test
    void refusesATruncatedKey() throws GeneralSecurityException {
        byte[] spki = generate("EC", new ECGenParameterSpec("secp256r1")).getEncoded();
        assertEquals(Optional.empty(), DeviceKeys.parse(Base64Url.encode(Arrays.copyOf(spki, spki.length - 1))));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "not a key", "MFkwEwYHKoZIzj0CAQ", "====", "%%%%"})
    void refusesTextThatIsNoKey(String text) {
        assertEquals(Optional.empty(), DeviceKeys.parse(text));
    }

    @Test
    void refusesPaddedAndStandardBase64AndWhitespace() throws GeneralSecurityException {
        byte[] spki = urlAlphabetKey().getEncoded();
        String good = Base64Url.encode(spki);
        assertTrue(DeviceKeys.parse(good).isPresent(), "precondition");
        assertEquals(91, spki.length);

        String padded = Base64.getUrlEncoder().encodeToString(spki);
        assertTrue(padded.endsWith("="), "precondition: 91 bytes need padding");
        assertEquals(Optional.empty(), DeviceKeys.parse(padded));

        String standard = Base64.getEncoder().withoutPadding().encodeToString(spki);
        assertNotEquals(good, standard, "precondition: the key uses - or _");
        assertEquals(Optional.empty(), DeviceKeys.parse(standard));
        assertEquals(Optional.empty(), DeviceKeys.parse(Base64.getEncoder().encodeToString(spki)));

        assertEquals(Optional.empty(), DeviceKeys.parse(" " + good));
        assertEquals(Optional.empty(), DeviceKeys.parse(good + "\n"));
        assertEquals(Optional.empty(), DeviceKeys.parse(Base64.getMimeEncoder().encodeToString(spki)));
    }

    @Test
    void refusesAPointThatIsNotOnTheCurve() throws GeneralSecurityException {
        byte[] spki = generate("EC", new ECGenParameterSpec("secp256r1")).getEncoded();
        assertEquals(0x04, spki[POINT_OFFSET], "precondition: uncompressed point");
        byte[] offCurve = spki.clone();
        offCurve[offCurve.length - 1] ^= 0x01; // y := y xor 1

        // The JDK itself still decodes it into a key: only DeviceKeys' own check stands in the way.
        PublicKey decoded = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(offCurve));
        ECPublicKey ec = assertInstanceOf(ECPublicKey.class, decoded);
        assertTrue(!onP256(ec), "precondition: the edited point is off the curve");

        assertEquals(Optional.empty(), DeviceKeys.parse(Base64Url.encode(offCurve)));
    }

    @Test
    void refusesAPointWhoseXIsOutsideTheField() throws GeneralSecurityException {
        // a point on the curve with a small x, so that x + p still fits in 32 bytes:
        // x + p is congruent to x, and only the range check tells them apart
        BigInteger x = BigInteger.ZERO;
        BigInteger y;
        while (true) {
            BigInteger rhs = x.pow(3).add(A.multiply(x)).add(B).mod(P);
            y = rhs.modPow(P.add(BigInteger.ONE).shiftRight(2), P); // p = 3 mod 4
            if (y.pow(2).mod(P).equals(rhs)) {
                break;
            }
            x = x.add(BigInteger.ONE);
        }
        byte[] header = Arrays.copyOf(generate("EC", new ECGenParameterSpec("secp256r1")).getEncoded(), POINT_OFFSET + 1);
        byte[] inRange = concat(header, toFixed(x), toFixed(y));
        byte[] outOfRange = concat(header, toFixed(x.add(P)), toFixed(y));

        assertTrue(DeviceKeys.parse(Base64Url.encode(inRange)).isPresent(), "precondition: the point itself is valid");
        assertEquals(Optional.empty(), DeviceKeys.parse(Base64Url.encode(outOfRange)));
    }

    @Test
    void refusesThePointAtInfinityEncodedAsZeros() throws GeneralSecurityException {
        byte[] spki = generate("EC", new ECGenParameterSpec("secp256r1")).getEncoded();
        byte[] zeros = spki.clone();
        Arrays.fill(zeros, POINT_OFFSET + 1, zeros.length, (byte) 0);
        assertEquals(Optional.empty(), DeviceKeys.parse(Base64Url.encode(zeros)));
    }

    private static boolean onP256(ECPublicKey key) {
        BigInteger x = key.getW().getAffineX();
        BigInteger y = key.getW().getAffineY();
        return y.pow(2).mod(P).equals(x.pow(3).add(A.multiply(x)).add(B).mod(P));
    }

    private static byte[] concat(byte[]... parts) {
        int length = Arrays.stream(parts).mapToInt(part -> part.length).sum();
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    private static byte[] toFixed(BigInteger value) {
        return toFixed(value, 32);
    }

    private static byte[] toFixed(BigInteger value, int length) {
        byte[] raw = value.toByteArray();
        byte[] fixed = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, fixed, length - copy, copy);
        return fixed;
    }

    /** A P-256 key whose base64url form contains - or _, so the standard alphabet differs. */
    private static PublicKey urlAlphabetKey() throws GeneralSecurityException {
        for (int i = 0; i < 100; i++) {
            PublicKey key = generate("EC", new ECGenParameterSpec("secp256r1"));
            String text = Base64Url.encode(key.getEncoded());
            if (text.contains("-") || text.contains("_")) {
                return key;
            }
        }
        throw new AssertionError("no key with - or _ in 100 tries");
    }

    private static PublicKey generate(String algorithm, ECGenParameterSpec spec) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        generator.initialize(spec);
        return generator.generateKeyPair().getPublic();
    }
}
