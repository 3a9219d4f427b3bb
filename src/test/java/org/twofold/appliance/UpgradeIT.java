package org.twofold.appliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.flywaydb.core.Flyway;
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
 * Issue 9: the H2 database of the last release that landed (24d62bb, schema version 7: an identity with an
 * enrolled phone, restore switched on, a relying party; made as src/test/resources/upgrade/README.md says)
 * upgrades in place, and a failed upgrade leaves it as it was and says why: on H2 by putting back the copy
 * taken before, on PostgreSQL because all pending migrations run in one transaction.
 */
class UpgradeIT {

    private static final String RELEASE = "/upgrade/release-24d62bb/";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void theLastReleasesDatabaseUpgradesInPlaceAndItsPhoneAndRestoreCodeStillWork() throws Exception {
        Path data = lastReleasesDataDirectory();
        JsonObject fixture = fixture();
        int http = ApplianceServer.freePort();
        try (TestMailServer mail = TestMailServer.start(ApplianceServer.freePort());
             LaunchedAppliance appliance = LaunchedAppliance.start(dir, environment(data, http, mail), http,
                     URI.create("http://127.0.0.1:" + http + "/health/ready"))) {
            assertTrue(appliance.output().contains("Upgrading the database from schema version 7 to 15; a copy from before is in "
                    + data.resolve("backups/before-upgrade-7-to-15-")), appliance.output());
            assertTrue(appliance.output().contains("Database schema at version 15 (8 migrations applied now)"), appliance.output());

            Appliance client = new Appliance("http://127.0.0.1:" + http + "/");
            String user = fixture.getString("user");
            Appliance.RelyingParty vpn = client.relyingParty(fixture.getString("relyingPartyApiKey"));
            DeviceSimulator phone = client.existingDevice(fixture.getString("deviceName"), keys(fixture), user,
                    fixture.getString("deviceId"), fixture.getString("deviceToken"));
            Fixtures.Login login = Fixtures.startLogin(vpn, user);
            assertEquals("APPROVED", phone.decide(login.id(), "APPROVE", login.displayNumber()).expect(200).json()
                    .getString("status"), "the phone enrolled before the upgrade signs its approval");
            assertEquals("APPROVED", Fixtures.loginStatus(vpn, login.id()));

            Appliance.Operator admin = client.operator("admin", fixture.getString("adminPassword"));
            JsonObject identity = admin.call("GET", "identities/" + user, null).expect(200).json();
            assertEquals("ACTIVE", identity.getString("status"), identity::toString);
            assertTrue(admin.call("GET", "audit/verification", null).expect(200).json().getBoolean("intact"),
                    "the audit chain written before the upgrade still verifies");

            DeviceSimulator newPhone = client.newDevice("new phone");
            String restoreId = newPhone.startRestore(user, fixture.getString("restoreCode")).expect(202).json().getString("restoreId");
            newPhone.completeRestore(restoreId, mail.awaitOtp(fixture.getString("email")), true).expect(201);
        }
    }

    @Test
    void aFailedUpgradeLeavesTheDatabaseAsItWasAndSaysWhy() throws Exception {
        Path data = lastReleasesDataDirectory();
        // what an administrator might have added by hand: the index a later migration (V10) creates
        try (Connection h2 = h2(data); Statement statement = h2.createStatement()) {
            statement.execute("CREATE INDEX device_created ON device (created_at)");
        }
        int http = ApplianceServer.freePort();
        try (TestMailServer mail = TestMailServer.start(ApplianceServer.freePort());
             LaunchedAppliance appliance = LaunchedAppliance.startUntilLogged(dir, environment(data, http, mail), http,
                     "Start the previous release again, or remove the cause and start this one again.")) {
            String output = appliance.output();
            assertTrue(output.contains("The upgrade of the database from schema version 7 to 15 failed: Failed to execute script"
                    + " V10__dashboard_devices_directory.sql"), output);
            assertTrue(output.contains("Index \"DEVICE_CREATED\" already exists"), output);
            assertTrue(output.contains("The database was put back as it was before the upgrade (a copy is kept in "
                    + data.resolve("backups/before-upgrade-7-to-15-")), output);
            LaunchedAppliance.Answer ready = LaunchedAppliance.get(URI.create("http://127.0.0.1:" + http + "/health/ready"));
            assertEquals(503, ready.status(), "not ready: " + ready.body());
        }

        try (Connection h2 = h2(data); Statement statement = h2.createStatement()) {
            assertEquals("7", single(statement, "SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"installed_rank\" ="
                    + " (SELECT MAX(\"installed_rank\") FROM \"flyway_schema_history\")"), "no migration of the failed upgrade is left");
            assertEquals("0", single(statement, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'IDENTITY'"
                    + " AND COLUMN_NAME = 'DISPLAY_NAME_KEY'"), "V8, applied before V10 failed, is undone");
            assertEquals("1", single(statement, "SELECT COUNT(*) FROM device"), "the phone is still there");
            statement.execute("DROP INDEX device_created");
        }

        int http2 = ApplianceServer.freePort();
        try (TestMailServer mail = TestMailServer.start(ApplianceServer.freePort());
             LaunchedAppliance appliance = LaunchedAppliance.start(dir.resolve("again"), environment(data, http2, mail), http2,
                     URI.create("http://127.0.0.1:" + http2 + "/health/ready"))) {
            assertTrue(appliance.output().contains("Database schema at version 15 (8 migrations applied now)"), appliance.output());
        }
    }

    @Test
    void aFailedUpgradeOnPostgresqlChangesNothingBecauseItRunsInOneTransaction() throws Exception {
        try (TestDatabase postgres = TestDatabase.start("postgres", dir.resolve("db"));
             TestMailServer mail = TestMailServer.start(ApplianceServer.freePort())) {
            Flyway.configure().dataSource(postgres.environment().get("TWOFOLD_DB_URL"), postgres.environment().get("TWOFOLD_DB_USER"),
                    postgres.environment().get("TWOFOLD_DB_PASSWORD")).locations("classpath:db/migration").target("7").load().migrate();
            try (Connection connection = postgres.connectToPostgres(); Statement statement = connection.createStatement()) {
                statement.execute("CREATE INDEX device_created ON device (created_at)");
            }
            int http = ApplianceServer.freePort();
            Map<String, String> environment = new HashMap<>(environment(dir.resolve("data"), http, mail));
            environment.putAll(postgres.environment());
            try (LaunchedAppliance appliance = LaunchedAppliance.startUntilLogged(dir, environment, http,
                    "Start the previous release again, or remove the cause and start this one again.")) {
                assertTrue(appliance.output().contains("The upgrade of the database from schema version 7 to 15 failed"), appliance.output());
                assertTrue(appliance.output().contains("Nothing was changed: the migrations ran in one transaction."), appliance.output());
            }
            try (Connection connection = postgres.connectToPostgres(); Statement statement = connection.createStatement()) {
                assertEquals("7", single(statement, "SELECT MAX(version::int) FROM flyway_schema_history"));
                assertEquals("0", single(statement, "SELECT COUNT(*) FROM information_schema.columns WHERE table_name = 'identity'"
                        + " AND column_name = 'display_name_key'"), "V8 and V9 are rolled back with V10");
            }
        }
    }

    private Path lastReleasesDataDirectory() throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwx------"));
        for (String file : List.of("twofold.mv.db", "pepper")) {
            try (InputStream content = UpgradeIT.class.getResourceAsStream(RELEASE + file)) {
                Files.copy(content, data.resolve(file));
            }
        }
        Files.setPosixFilePermissions(data.resolve("pepper"), PosixFilePermissions.fromString("rw-------"));
        return data;
    }

    private static Map<String, String> environment(Path data, int http, TestMailServer mail) {
        return Map.of("TWOFOLD_DATA_DIR", data.toString(), "TWOFOLD_TLS_PORT", "0", "TWOFOLD_HTTP_PORT", Integer.toString(http),
                "TWOFOLD_MAIL_HOST", "127.0.0.1", "TWOFOLD_MAIL_PORT", Integer.toString(mail.port()),
                "TWOFOLD_MAIL_FROM", "twofold@appliance.test");
    }

    private static JsonObject fixture() throws Exception {
        try (InputStream json = UpgradeIT.class.getResourceAsStream(RELEASE + "fixture.json")) {
            return Json.createReader(json).readObject();
        }
    }

    private static KeyPair keys(JsonObject fixture) throws Exception {
        KeyFactory ec = KeyFactory.getInstance("EC");
        return new KeyPair(
                ec.generatePublic(new X509EncodedKeySpec(Base64.getUrlDecoder().decode(fixture.getString("devicePublicKey")))),
                ec.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(fixture.getString("devicePrivateKey")))));
    }

    private static Connection h2(Path data) throws Exception {
        return DriverManager.getConnection("jdbc:h2:file:" + data.resolve("twofold"), "twofold", "twofold");
    }

    private static String single(Statement statement, String query) throws Exception {
        try (ResultSet result = statement.executeQuery(query)) {
            result.next();
            return result.getString(1);
        }
    }
}
