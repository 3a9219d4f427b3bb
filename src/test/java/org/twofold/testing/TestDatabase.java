package org.twofold.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The database under the appliance: its H2 file database (nothing to start), or a real PostgreSQL —
 * {@code TWOFOLD_TEST_PG_URL} (plus {@code _USER}/{@code _PASSWORD}) when set, otherwise an embedded
 * PostgreSQL 14 from Maven Central. Each run gets a fresh database.
 */
public final class TestDatabase implements AutoCloseable {

    private final String kind;
    private final Map<String, String> environment;
    private final EmbeddedPostgres embedded;

    private TestDatabase(String kind, Map<String, String> environment, EmbeddedPostgres embedded) {
        this.kind = kind;
        this.environment = environment;
        this.embedded = embedded;
    }

    public static TestDatabase start(String kind, Path workDir) {
        if ("h2".equals(kind)) {
            return new TestDatabase(kind, Map.of(), null);
        }
        if (!"postgres".equals(kind)) {
            throw new IllegalArgumentException("twofold.test.db must be h2 or postgres, not " + kind);
        }
        String existing = System.getenv("TWOFOLD_TEST_PG_URL");
        if (existing != null && !existing.isBlank()) {
            String user = System.getenv().getOrDefault("TWOFOLD_TEST_PG_USER", "postgres");
            String password = System.getenv().getOrDefault("TWOFOLD_TEST_PG_PASSWORD", "");
            return new TestDatabase(kind, freshDatabase(existing, user, password), null);
        }
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(workDir.resolve("postgres").toFile())
                    .start();
            String url = postgres.getJdbcUrl("postgres", "postgres");
            return new TestDatabase(kind, freshDatabase(url, "postgres", ""), postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the embedded PostgreSQL", e);
        }
    }

    private static Map<String, String> freshDatabase(String serverUrl, String user, String password) {
        String name = "twofold_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = DriverManager.getConnection(serverUrl, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create a test database on " + serverUrl, e);
        }
        String base = serverUrl.substring(0, serverUrl.lastIndexOf('/') + 1);
        String url = base + name;
        return Map.of("TWOFOLD_DB_URL", url, "TWOFOLD_DB_USER", user, "TWOFOLD_DB_PASSWORD", password.isEmpty() ? "unused" : password);
    }

    public String kind() {
        return kind;
    }

    public Map<String, String> environment() {
        return environment;
    }

    /** A connection of the test's own to the appliance's PostgreSQL database (H2's file is the appliance's alone). */
    public Connection connectToPostgres() throws SQLException {
        if (!"postgres".equals(kind)) {
            throw new IllegalStateException("the appliance's H2 database is open in the appliance only");
        }
        return DriverManager.getConnection(environment.get("TWOFOLD_DB_URL"), environment.get("TWOFOLD_DB_USER"),
                environment.get("TWOFOLD_DB_PASSWORD"));
    }

    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
