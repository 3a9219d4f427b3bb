package org.twofold.appliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.twofold.testing.ApplianceServer;
import org.twofold.testing.LaunchedAppliance;
import org.twofold.testing.LaunchedAppliance.Answer;
import org.twofold.testing.OpenSsl;

/**
 * HTTPS as an installation gets it from {@code appliance/launch}: a self-signed certificate generated at the
 * first start or the administrator's own, and plain HTTP served, redirected or kept to the machine itself.
 * Each test boots its own appliance through the launcher; they run in the H2 execution only. That a
 * restart keeps the certificate is shown by {@link BackupRestoreIT}, whose restored appliance shows the same.
 */
class LaunchTlsIT {

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void aSelfSignedCertificateIsMadeAtFirstStartAndPlainHttpRedirectsToIt() throws Exception {
        int http = ApplianceServer.freePort();
        int tls = ApplianceServer.freePort();
        Path data = dir.resolve("data");
        try (LaunchedAppliance appliance = LaunchedAppliance.start(dir, Map.of("TWOFOLD_DATA_DIR", data.toString(),
                "TWOFOLD_TLS_PORT", Integer.toString(tls), "TWOFOLD_HTTP_MODE", "redirect"), http,
                URI.create("https://127.0.0.1:" + tls + "/health/ready"))) {
            Answer page = LaunchedAppliance.get(URI.create("https://127.0.0.1:" + tls + "/admin/login.xhtml"));
            assertEquals(200, page.status());
            String fingerprint = Files.readString(data.resolve("tls/fingerprint-sha256")).strip();
            assertEquals(fingerprint, page.fingerprint(), "the certificate served is the one recorded");
            assertTrue(appliance.output().contains("HTTPS on port " + tls + " with a self-signed certificate"
                    + " (replace it: see twofold.tls.certificate), SHA-256 fingerprint " + fingerprint), appliance.output());
            assertTrue(page.certificate().getSubjectX500Principal().getName().contains("O=Twofold self-signed"),
                    page.certificate().getSubjectX500Principal().getName());
            assertEquals("max-age=31536000", page.header("Strict-Transport-Security"));
            assertTrue(page.header("Set-Cookie").contains("Secure"), page.header("Set-Cookie"));

            Answer redirected = LaunchedAppliance.get(URI.create("http://127.0.0.1:" + http + "/my/index.xhtml?lang=en"));
            assertEquals(308, redirected.status());
            assertEquals("https://127.0.0.1:" + tls + "/my/index.xhtml?lang=en", redirected.header("Location"));
            assertEquals(200, LaunchedAppliance.get(URI.create("http://127.0.0.1:" + http + "/health/ready")).status(),
                    "health probes stay on plain HTTP");

            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("tls"))));
            String password = Files.readString(data.resolve("tls/self-signed.password")).strip();
            String commandLine = Files.readString(Path.of("/proc/" + appliance.pid() + "/cmdline")).replace('\0', ' ');
            assertTrue(commandLine.contains("payara-micro.jar") && commandLine.contains("--sslport " + tls), commandLine);
            assertFalse(commandLine.contains(password), "the keystore password is not in the process list");
        }
    }

    @Test
    void theAdministratorsPemCertificateIsServedAndPlainHttpAnswersOnlyOnThisMachine() throws Exception {
        Path certificate = dir.resolve("certificate.pem");
        Path key = dir.resolve("private-key.pem");
        OpenSsl.selfSigned(certificate, key, "2fa.example.test", "DNS:2fa.example.test,IP:127.0.0.1");
        int http = ApplianceServer.freePort();
        int tls = ApplianceServer.freePort();
        Path config = dir.resolve("twofold.properties");
        Files.writeString(config, String.join("\n",
                "twofold.data.dir=" + dir.resolve("data"),
                "twofold.tls.port = " + tls,
                "twofold.tls.certificate=" + certificate,
                "twofold.tls.private-key=" + key,
                "twofold.http.mode=local", ""));
        try (LaunchedAppliance appliance = LaunchedAppliance.start(dir, Map.of("TWOFOLD_CONFIG", config.toString()), http,
                URI.create("https://127.0.0.1:" + tls + "/health/ready"))) {
            Answer page = LaunchedAppliance.get(URI.create("https://127.0.0.1:" + tls + "/admin/login.xhtml"));
            assertEquals(200, page.status());
            assertEquals(LaunchedAppliance.fingerprintOf(OpenSsl.pem(certificate)), page.fingerprint(), "the administrator's certificate");
            assertTrue(appliance.output().contains("HTTPS on port " + tls + " with the provided certificate " + certificate),
                    appliance.output());
            assertFalse(Files.exists(dir.resolve("data/tls/self-signed.p12")), "no self-signed certificate is made");

            assertEquals(200, LaunchedAppliance.get(URI.create("http://127.0.0.1:" + http + "/admin/login.xhtml")).status(),
                    "plain HTTP on this machine");
            Optional<InetAddress> outside = outsideAddress();
            assertTrue(outside.isPresent() || !"true".equals(System.getenv("CI")), "CI machines have a network address");
            if (outside.isPresent()) {
                String host = outside.get().getHostAddress();
                assertThrows(IOException.class, () -> LaunchedAppliance.get(URI.create("http://" + host + ":" + http + "/admin/login.xhtml")),
                        "plain HTTP refused from the network");
                assertEquals(200, LaunchedAppliance.get(URI.create("https://" + host + ":" + tls + "/admin/login.xhtml")).status(),
                        "HTTPS open to the network");
            }
        }
    }

    @Test
    void aWrongSettingStopsTheLaunchWithItsReason() throws Exception {
        int http = ApplianceServer.freePort();
        LaunchedAppliance.Result mode = LaunchedAppliance.refused(dir.resolve("mode"),
                Map.of("TWOFOLD_DATA_DIR", dir.resolve("data").toString(), "TWOFOLD_HTTP_MODE", "sideways"), http);
        assertEquals(78, mode.exitCode(), mode.output());
        assertTrue(mode.output().contains("twofold.http.mode is 'sideways'; it must be serve, redirect or local"), mode.output());

        LaunchedAppliance.Result missing = LaunchedAppliance.refused(dir.resolve("missing"),
                Map.of("TWOFOLD_DATA_DIR", dir.resolve("data").toString(), "TWOFOLD_TLS_CERTIFICATE", "/nonexistent/cert.pem",
                        "TWOFOLD_TLS_PRIVATE_KEY", "/nonexistent/key.pem"), http);
        assertEquals(78, missing.exitCode(), missing.output());
        assertTrue(missing.output().contains("twofold.tls.certificate '/nonexistent/cert.pem' is not a readable PEM file"),
                missing.output());

        Path certificate = dir.resolve("certificate.pem");
        Path otherKey = dir.resolve("other-key.pem");
        OpenSsl.selfSigned(certificate, dir.resolve("key.pem"), "a.example.test", "DNS:a.example.test");
        OpenSsl.run("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", otherKey.toString());
        LaunchedAppliance.Result mismatch = LaunchedAppliance.refused(dir.resolve("mismatch"),
                Map.of("TWOFOLD_DATA_DIR", dir.resolve("data").toString(), "TWOFOLD_TLS_CERTIFICATE", certificate.toString(),
                        "TWOFOLD_TLS_PRIVATE_KEY", otherKey.toString()), http);
        assertEquals(78, mismatch.exitCode(), mismatch.output());
        assertTrue(mismatch.output().contains("the certificate and private key cannot be combined"), mismatch.output());

        LaunchedAppliance.Result redirectWithoutTls = LaunchedAppliance.refused(dir.resolve("plain"),
                Map.of("TWOFOLD_DATA_DIR", dir.resolve("data").toString(), "TWOFOLD_TLS_PORT", "0", "TWOFOLD_HTTP_MODE", "redirect"), http);
        assertEquals(78, redirectWithoutTls.exitCode(), redirectWithoutTls.output());
        assertTrue(redirectWithoutTls.output().contains("twofold.http.mode=redirect needs HTTPS"), redirectWithoutTls.output());
    }

    private static Optional<InetAddress> outsideAddress() throws IOException {
        return NetworkInterface.networkInterfaces().filter(network -> {
            try {
                return network.isUp() && !network.isLoopback();
            } catch (IOException e) {
                return false;
            }
        }).flatMap(NetworkInterface::inetAddresses).filter(address -> address instanceof Inet4Address).findFirst();
    }
}
