package org.twofold.directory.control;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

import javax.net.ssl.X509TrustManager;

/**
 * Trusts exactly one server certificate, named by the SHA-256 of its DER encoding — what an operator
 * copies from {@code openssl x509 -fingerprint -sha256} of the domain controller's certificate. Remembers
 * what the server presented, so a mismatch can be reported with the fingerprint to compare.
 */
final class PinnedCertificate implements X509TrustManager {

    private final byte[] pinned;
    private volatile String presented;

    PinnedCertificate(String pinnedSha256Hex) {
        this.pinned = HexFormat.of().parseHex(pinnedSha256Hex);
    }

    static String sha256(X509Certificate certificate) throws CertificateEncodingException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("The server presented no certificate");
        }
        String fingerprint = sha256(chain[0]);
        presented = fingerprint;
        if (!MessageDigest.isEqual(HexFormat.of().parseHex(fingerprint), pinned)) {
            throw new CertificateException("The server's certificate (SHA-256 " + fingerprint + ") is not the pinned one");
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("This trust manager checks servers only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }

    /** The fingerprint the server presented last, or null before any handshake. */
    String presented() {
        return presented;
    }
}
