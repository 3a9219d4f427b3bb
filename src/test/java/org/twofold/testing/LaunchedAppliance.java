package org.twofold.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The appliance started the way an installation starts it: through {@code appliance/launch}, with the
 * environment given, in a directory of its own. Unlike {@link ApplianceServer} it is booted per test, so a
 * test can choose the launcher's settings (TLS, HTTP mode); each boot takes 30-60 s.
 */
public final class LaunchedAppliance implements AutoCloseable {

    private static final Duration BOOT = Duration.ofMinutes(4);

    private final Process process;
    private final Path output;

    private LaunchedAppliance(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** Runs the launcher and waits until it exits (for settings it refuses before Java starts). */
    public static Result refused(Path dir, Map<String, String> environment, int httpPort) throws Exception {
        Process process = builder(dir, environment, httpPort).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the launcher did not stop on a wrong setting: " + read(dir.resolve("launch.log")));
        }
        return new Result(process.exitValue(), read(dir.resolve("launch.log")));
    }

    public record Result(int exitCode, String output) {
    }

    /** Starts the launcher and waits until {@code readyUrl} answers 200. */
    public static LaunchedAppliance start(Path dir, Map<String, String> environment, int httpPort, URI readyUrl) throws Exception {
        Process process = builder(dir, environment, httpPort).start();
        LaunchedAppliance appliance = new LaunchedAppliance(process, dir.resolve("launch.log"));
        Instant deadline = Instant.now().plus(BOOT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("the launcher stopped with " + process.exitValue() + ":\n" + appliance.output());
            }
            try {
                if (get(readyUrl).status() == 200) {
                    return appliance;
                }
            } catch (IOException notYet) {
                // still booting
            }
            Thread.sleep(500);
        }
        appliance.close();
        throw new AssertionError("not ready within " + BOOT + ":\n" + appliance.output());
    }

    /** Starts the launcher and waits until its output shows {@code logged} (e.g. why it cannot get ready). */
    public static LaunchedAppliance startUntilLogged(Path dir, Map<String, String> environment, int httpPort, String logged)
            throws Exception {
        LaunchedAppliance appliance = new LaunchedAppliance(builder(dir, environment, httpPort).start(), dir.resolve("launch.log"));
        Instant deadline = Instant.now().plus(BOOT);
        while (Instant.now().isBefore(deadline) && !appliance.output().contains(logged)) {
            if (!appliance.process.isAlive()) {
                throw new AssertionError("the launcher stopped with " + appliance.process.exitValue() + " before logging '"
                        + logged + "':\n" + appliance.output());
            }
            Thread.sleep(500);
        }
        if (!appliance.output().contains(logged)) {
            appliance.close();
            throw new AssertionError("'" + logged + "' not logged within " + BOOT + ":\n" + appliance.output());
        }
        return appliance;
    }

    private static ProcessBuilder builder(Path dir, Map<String, String> environment, int httpPort) throws IOException {
        Files.createDirectories(dir);
        ProcessBuilder builder = new ProcessBuilder(List.of("bash", Path.of("appliance/launch").toAbsolutePath().toString(),
                System.getProperty("twofold.test.payaraJar"), System.getProperty("twofold.test.war"), Integer.toString(httpPort)))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("launch.log").toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("TWOFOLD_"));
        builder.environment().put("JAVA_OPTS", "-Xmx512m");
        builder.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
        builder.environment().putAll(environment);
        return builder;
    }

    /** What the launcher and Payara printed so far. */
    public String output() {
        return read(output);
    }

    public long pid() {
        return process.pid();
    }

    /** A plain HTTP or an HTTPS request that trusts any certificate and host name, following no redirect. */
    public static Answer get(URI url) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
        connection.setInstanceFollowRedirects(false);
        connection.setConnectTimeout(3000);
        connection.setReadTimeout(30000);
        if (connection instanceof HttpsURLConnection https) {
            https.setSSLSocketFactory(TRUST_ANY.getSocketFactory());
            https.setHostnameVerifier((host, session) -> true);
        }
        try {
            connection.connect();
            X509Certificate certificate = null;
            if (connection instanceof HttpsURLConnection https) {
                Certificate[] chain = https.getServerCertificates();
                certificate = (X509Certificate) chain[0];
            }
            int status = connection.getResponseCode();
            try (InputStream body = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
                return new Answer(status, connection.getHeaderFields(),
                        body == null ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8), certificate);
            }
        } finally {
            connection.disconnect();
        }
    }

    public record Answer(int status, Map<String, List<String>> headers, String body, X509Certificate certificate) {

        public String header(String name) {
            return headers.entrySet().stream().filter(header -> name.equalsIgnoreCase(header.getKey()))
                    .map(header -> String.join("\n", header.getValue())).findFirst().orElse(null);
        }

        /** As keytool prints it: upper-case hex pairs separated by colons. */
        public String fingerprint() {
            return fingerprintOf(certificate);
        }
    }

    public static String fingerprintOf(X509Certificate certificate) {
        try {
            return HexFormat.ofDelimiter(":").withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final SSLContext TRUST_ANY = trustAny();

    private static SSLContext trustAny() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
