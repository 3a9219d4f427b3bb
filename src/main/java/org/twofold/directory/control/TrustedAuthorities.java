package org.twofold.directory.control;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;

import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import org.twofold.platform.control.Refusal;

/**
 * The CA certificates (PEM) a connection trusts instead of the JVM's trust store — companies usually sign
 * their domain controllers' certificates with an internal CA the appliance's JVM has never heard of.
 */
final class TrustedAuthorities {

    private TrustedAuthorities() {
    }

    /** The PEM text unchanged when it holds one or more CA certificates; refused otherwise. */
    static String check(String pem) {
        Collection<? extends Certificate> certificates;
        try {
            certificates = parse(pem);
        } catch (CertificateException e) {
            throw Refusal.invalidRequest("Member 'trust.caCertificates' must hold PEM certificates: " + e.getMessage());
        }
        if (certificates.isEmpty()) {
            throw Refusal.invalidRequest("Member 'trust.caCertificates' holds no certificate");
        }
        for (Certificate certificate : certificates) {
            if (((X509Certificate) certificate).getBasicConstraints() < 0) {
                throw Refusal.invalidRequest("Member 'trust.caCertificates' holds a certificate that is not a CA's: "
                        + ((X509Certificate) certificate).getSubjectX500Principal().getName());
            }
        }
        return pem;
    }

    static X509TrustManager manager(String pem) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int alias = 0;
            for (Certificate certificate : parse(pem)) {
                store.setCertificateEntry("ca-" + alias++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (var manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("The JVM offers no X.509 trust manager");
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot use the connection's CA certificates", e);
        }
    }

    private static Collection<? extends Certificate> parse(String pem) throws CertificateException {
        return CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }
}
