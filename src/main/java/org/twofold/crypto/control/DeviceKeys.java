package org.twofold.crypto.control;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECFieldFp;
import java.security.spec.X509EncodedKeySpec;
import java.util.Optional;

/** Reads device public keys: base64url SubjectPublicKeyInfo of an ECDSA P-256 key, nothing else. */
public final class DeviceKeys {

    private static final BigInteger P256_ORDER = new BigInteger(
            "FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);
    private static final BigInteger P256_PRIME = new BigInteger(
            "FFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF", 16);

    private DeviceKeys() {
    }

    /** Empty unless the text is a valid P-256 public key whose point lies on the curve. */
    public static Optional<ECPublicKey> parse(String base64UrlSpki) {
        return Base64Url.decode(base64UrlSpki).flatMap(DeviceKeys::parse);
    }

    static Optional<ECPublicKey> parse(byte[] spki) {
        try {
            PublicKey key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki));
            if (key instanceof ECPublicKey ec && isP256(ec.getParams()) && onCurve(ec.getW(), ec.getParams())) {
                return Optional.of(ec);
            }
            return Optional.empty();
        } catch (GeneralSecurityException | RuntimeException malformed) {
            return Optional.empty();
        }
    }

    private static boolean isP256(ECParameterSpec params) {
        return params.getOrder().equals(P256_ORDER)
                && params.getCurve().getField() instanceof ECFieldFp field
                && field.getP().equals(P256_PRIME);
    }

    /** The JDK does not check that a decoded point is on the curve; an invalid point must never be accepted. */
    private static boolean onCurve(ECPoint point, ECParameterSpec params) {
        if (point.equals(ECPoint.POINT_INFINITY)) {
            return false;
        }
        BigInteger x = point.getAffineX();
        BigInteger y = point.getAffineY();
        if (x.signum() < 0 || y.signum() < 0 || x.compareTo(P256_PRIME) >= 0 || y.compareTo(P256_PRIME) >= 0) {
            return false;
        }
        BigInteger a = params.getCurve().getA();
        BigInteger b = params.getCurve().getB();
        BigInteger left = y.multiply(y).mod(P256_PRIME);
        BigInteger right = x.pow(3).add(a.multiply(x)).add(b).mod(P256_PRIME);
        return left.equals(right);
    }
}
