package org.twofold.appliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.twofold.simulator.Appliance;
import org.twofold.simulator.DeviceSimulator;
import org.twofold.testing.ApplianceServer;
import org.twofold.testing.Fixtures;
import org.twofold.testing.LaunchedAppliance;
import org.twofold.testing.TestDatabase;
import org.twofold.testing.TestMailServer;

/**
 * Issue 9: an online backup of a running appliance (H2, and PostgreSQL through pg_dump), the installation
 * wiped, the archive restored onto the empty one, and the appliance started again: the enrolled phone still
 * approves a login, its restore code still restores onto a new phone, and HTTPS shows the same certificate.
 * The backup and restore scripts run as an administrator runs them; each test boots the appliance twice.
 */
class BackupRestoreIT {

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void anH2ApplianceComesBackFromItsBackup() throws Exception {
        backupWipeRestore(Map.of(), () -> { });
    }

    @Test
    void aPostgresqlApplianceComesBackFromItsBackup() throws Exception {
        try (TestDatabase postgres = TestDatabase.start("postgres", dir.resolve("db"))) {
            backupWipeRestore(postgres.environment(), () -> {
                try (Connection connection = postgres.connectToPostgres(); Statement statement = connection.createStatement()) {
                    statement.execute("DROP SCHEMA public CASCADE");
                    statement.execute("CREATE SCHEMA public");
                }
            });
        }
    }

    private void backupWipeRestore(Map<String, String> database, Wipe wipe) throws Exception {
        int http = ApplianceServer.freePort();
        int tls = ApplianceServer.freePort();
        Path data = dir.resolve("data");
        String adminPassword = "admin-" + Fixtures.unique("pw");
        try (TestMailServer mail = TestMailServer.start(ApplianceServer.freePort())) {
            Map<String, String> environment = new HashMap<>(database);
            environment.putAll(Map.of("TWOFOLD_DATA_DIR", data.toString(), "TWOFOLD_HTTP_PORT", Integer.toString(http),
                    "TWOFOLD_TLS_PORT", Integer.toString(tls), "TWOFOLD_ADMIN_INITIAL_PASSWORD", adminPassword,
                    "TWOFOLD_MAIL_HOST", "127.0.0.1", "TWOFOLD_MAIL_PORT", Integer.toString(mail.port()),
                    "TWOFOLD_MAIL_FROM", "twofold@appliance.test"));
            URI ready = URI.create("http://127.0.0.1:" + http + "/health/ready");
            Appliance client = new Appliance("http://127.0.0.1:" + http + "/");
            String user = Fixtures.unique("bak");
            Path archive = dir.resolve("twofold-backup.tar.gz");

            DeviceSimulator phone;
            String restoreCode;
            Appliance.RelyingParty vpn;
            String fingerprint;
            try (LaunchedAppliance appliance = LaunchedAppliance.start(dir, environment, http, ready)) {
                Appliance.Operator admin = client.operator("admin", adminPassword);
                phone = client.newDevice("phone");
                phone.enroll(admin.createIdentity(user, user + "@corp.test").expect(201).json().getString("activationCode"))
                        .expect(201);
                restoreCode = phone.activateRestore().expect(201).json().getString("code");
                vpn = admin.createRelyingParty(Fixtures.unique("vpn"));
                fingerprint = LaunchedAppliance.get(URI.create("https://127.0.0.1:" + tls + "/health/ready")).fingerprint();

                assertEquals(401, client.request("POST", "/api/v1/maintenance/backup", null).status(), "no token, no backup");
                assertEquals(401, client.request("POST", "/api/v1/maintenance/backup", null,
                        "Authorization", "Bearer " + "A".repeat(43)).status(), "a wrong token, no backup");
                assertEquals(401, client.request("POST", "/api/v1/maintenance/operators/admin/password-reset", null,
                        "Authorization", "Bearer " + "A".repeat(43)).status(), "a wrong token, no new admin password");

                Script backup = script(environment, "backup", archive.toString());
                assertEquals(0, backup.exitCode(), backup.output());
                assertTrue(backup.output().contains("Backup written to " + archive), backup.output());
                Script whileRunning = script(environment, "restore", archive.toString());
                assertEquals(78, whileRunning.exitCode(), whileRunning.output());
                assertTrue(whileRunning.output().contains("the appliance is running on port " + http + ": stop it first"),
                        whileRunning.output());
            }
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(archive)));
            List<String> entries = List.of(script(environment, "tar", "-tzf", archive.toString()).output().split("\n"));
            String databaseEntry = database.isEmpty() ? "./database/h2.zip" : "./database/postgresql.dump";
            assertTrue(entries.containsAll(List.of("./manifest.properties", "./secrets/pepper", "./secrets/tls/self-signed.p12",
                    databaseEntry)), entries::toString);

            deleteRecursively(data);
            wipe.run();

            Script restore = script(environment, "restore", archive.toString());
            assertEquals(0, restore.exitCode(), restore.output());
            assertTrue(restore.output().contains("Restored the " + (database.isEmpty() ? "h2" : "postgresql") + " database"),
                    restore.output());

            try (LaunchedAppliance restored = LaunchedAppliance.start(dir, environment, http, ready)) {
                assertFalse(restored.output().contains("generated a self-signed certificate"), restored.output());
                assertEquals(fingerprint, LaunchedAppliance.get(URI.create("https://127.0.0.1:" + tls + "/health/ready")).fingerprint(),
                        "the same certificate");

                Fixtures.Login login = Fixtures.startLogin(vpn, user);
                assertEquals("APPROVED", phone.decide(login.id(), "APPROVE", login.displayNumber()).expect(200).json()
                        .getString("status"), "the enrolled phone still signs its approval");
                assertEquals("APPROVED", Fixtures.loginStatus(vpn, login.id()));

                DeviceSimulator newPhone = client.newDevice("new phone");
                String restoreId = newPhone.startRestore(user, restoreCode).expect(202).json().getString("restoreId");
                newPhone.completeRestore(restoreId, mail.awaitOtp(user + "@corp.test"), true).expect(201);
            }
        }
    }

    @FunctionalInterface
    private interface Wipe {
        void run() throws Exception;
    }

    private record Script(int exitCode, String output) {
    }

    /** An appliance script (backup, restore) or another command, with the appliance's environment. */
    private Script script(Map<String, String> environment, String command, String... arguments) throws Exception {
        List<String> line = new java.util.ArrayList<>();
        if (command.equals("backup") || command.equals("restore")) {
            line.addAll(List.of("bash", Path.of("appliance", command).toAbsolutePath().toString()));
        } else {
            line.add(command);
        }
        line.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(line).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("TWOFOLD_"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), command + " did not finish: " + output);
        return new Script(process.exitValue(), output);
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
