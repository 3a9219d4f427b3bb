package org.twofold.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.twofold.simulator.Appliance;

/**
 * The WAR running in a real Payara Micro, started once per test JVM (booting takes ~20 s, so every
 * integration test shares it), on H2 or on PostgreSQL as the failsafe execution says.
 */
public final class ApplianceServer implements AutoCloseable {

    /** Logins expire after this many seconds here (120 in production), so the expiry test stays short. */
    public static final int AUTH_SESSION_SECONDS = 15;
    /** How many matches the dashboard's lists count and page through on the appliance under test. */
    public static final int COUNT_LIMIT = 1000;

    private final Process process;
    private final int port;
    private final Path workDir;
    private final Path log;
    private final TestDatabase database;
    private final TestMailServer mail;
    private final String adminPassword;

    private ApplianceServer(Process process, int port, Path workDir, Path log, TestDatabase database, TestMailServer mail) {
        this.process = process;
        this.port = port;
        this.workDir = workDir;
        this.log = log;
        this.database = database;
        this.mail = mail;
        this.adminPassword = readAdminPassword(workDir.resolve("data"));
    }

    public static ApplianceServer start() {
        Path payaraJar = Path.of(required("twofold.test.payaraJar"));
        Path war = Path.of(required("twofold.test.war"));
        String db = System.getProperty("twofold.test.db", "h2");
        Path workDir = Path.of(System.getProperty("twofold.test.workDir", "target/it-" + db)).toAbsolutePath();
        try {
            deleteRecursively(workDir);
            Files.createDirectories(workDir);
            TestDatabase database = TestDatabase.start(db, workDir);
            TestMailServer mail = TestMailServer.start(freePort());
            int port = freePort();
            Map<String, String> env = new HashMap<>(database.environment());
            env.put("TWOFOLD_DATA_DIR", workDir.resolve("data").toString());
            env.put("TWOFOLD_AUTH_SESSION_SECONDS", Integer.toString(AUTH_SESSION_SECONDS));
            env.put("TWOFOLD_MAIL_HOST", "127.0.0.1");
            env.put("TWOFOLD_MAIL_PORT", Integer.toString(mail.port()));
            env.put("TWOFOLD_MAIL_FROM", "twofold@appliance.test");
            // Tests act from many addresses (X-Forwarded-For), as clients behind a reverse proxy would.
            env.put("TWOFOLD_HTTP_TRUSTED_PROXIES", "127.0.0.1");
            // only identities a directory sync links are asked about at login (DirectorySyncIT)
            env.put("TWOFOLD_DIRECTORY_LIVE_CHECK_SECONDS", "1");
            // UsersPageIT's 2,000 identities pass it, so the lists' "more than" is tested without 10,001 of them
            env.put("TWOFOLD_DASHBOARD_COUNT_LIMIT", Integer.toString(COUNT_LIMIT));
            env.putAll(extraEnvironment());
            Path log = workDir.resolve("payara.log");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx768m", "-jar", payaraJar.toString(),
                    "--nocluster", "--deploy", war.toString(), "--port", Integer.toString(port)));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            return awaitReady(process, port, workDir, log, database, mail);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Settings an integration run adds, e.g. the test mail server: {@code -Dtwofold.test.env.NAME=value}. */
    private static Map<String, String> extraEnvironment() {
        Map<String, String> env = new HashMap<>();
        System.getProperties().stringPropertyNames().stream()
                .filter(name -> name.startsWith("twofold.test.env."))
                .forEach(name -> env.put(name.substring("twofold.test.env.".length()), System.getProperty(name)));
        return env;
    }

    private static ApplianceServer awaitReady(Process process, int port, Path workDir, Path log, TestDatabase database,
                                              TestMailServer mail) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        URI ready = URI.create("http://127.0.0.1:" + port + "/health/ready");
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Payara Micro exited with " + process.exitValue() + ":\n" + tail(log));
            }
            if (answers200(ready)) {
                return new ApplianceServer(process, port, workDir, log, database, mail);
            }
            sleep(500);
        }
        process.destroyForcibly();
        throw new IllegalStateException("The appliance was not ready within 3 minutes:\n" + tail(log));
    }

    public Appliance client() {
        return new Appliance(baseUrl());
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port + "/";
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return workDir.resolve("data");
    }

    public Path log() {
        return log;
    }

    public String adminPassword() {
        return adminPassword;
    }

    public Appliance.Operator admin() {
        return client().operator("admin", adminPassword);
    }

    public TestDatabase database() {
        return database;
    }

    public TestMailServer mail() {
        return mail;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        database.close();
        mail.close();
    }

    /** The harness lets the appliance generate the first admin password, as on a real first start. */
    private static String readAdminPassword(Path dataDir) {
        try {
            return Files.readString(dataDir.resolve("initial-admin-password"), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("The appliance did not write its initial admin password", e);
        }
    }

    private static boolean answers200(URI uri) {
        try {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(2000);
            try {
                return connection.getResponseCode() == 200;
            } finally {
                connection.disconnect();
            }
        } catch (IOException notYet) {
            return false;
        }
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("System property " + property + " is not set; run integration tests with 'mvn verify'");
        }
        return value;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
