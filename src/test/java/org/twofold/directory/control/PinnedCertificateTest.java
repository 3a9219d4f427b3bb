package org.twofold.directory.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.File;
import java.io.FileInputStream;
import java.io.InputStream;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.unboundid.ldap.listener.SelfSignedCertificateGenerator;
import com.unboundid.util.ObjectPair;

class PinnedCertificateTest {

    private static X509Certificate certificate;
    private static String fingerprint;

    @BeforeAll
    static void certificate() throws Exception {
        ObjectPair<File, char[]> file = SelfSignedCertificateGenerator.generateTemporarySelfSignedCertificate("pin-test", "PKCS12");
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(file.getFirst())) {
            store.load(in, file.getSecond());
        }
        certificate = (X509Certificate) store.getCertificate(store.aliases().nextElement());
        fingerprint = PinnedCertificate.sha256(certificate);
    }

    @Test
    void thePinnedCertificateIsTrusted() throws Exception {
        PinnedCertificate pin = new PinnedCertificate(fingerprint);
        assertNull(pin.presented());

        pin.checkServerTrusted(new X509Certificate[] {certificate}, "RSA");

        assertEquals(fingerprint, pin.presented());
    }

    @Test
    void anyOtherCertificateIsRefusedAndWhatWasPresentedIsRemembered() {
        PinnedCertificate pin = new PinnedCertificate("ab".repeat(32));

        CertificateException refused = assertThrows(CertificateException.class,
                () -> pin.checkServerTrusted(new X509Certificate[] {certificate}, "RSA"));

        assertEquals(fingerprint, pin.presented());
        assertEquals(true, refused.getMessage().contains(fingerprint));
    }

    @Test
    void noCertificateAndClientCertificatesAreRefused() {
        PinnedCertificate pin = new PinnedCertificate(fingerprint);
        assertThrows(CertificateException.class, () -> pin.checkServerTrusted(new X509Certificate[0], "RSA"));
        assertThrows(CertificateException.class, () -> pin.checkClientTrusted(new X509Certificate[] {certificate}, "RSA"));
    }
}
