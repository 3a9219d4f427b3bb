package org.twofold.platform.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The database part of an online backup. H2 copies itself consistently while in use ({@code BACKUP TO}, a
 * zip of the database file) into {@code <data dir>/backups}; PostgreSQL is dumped by {@code pg_dump} from the
 * backup script, so here it only reports what it is. Either way the answer names the schema version, so that
 * a restore knows which release wrote it.
 */
@ApplicationScoped
public class DatabaseBackup {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    @Resource(lookup = "java:app/jdbc/twofold")
    DataSource dataSource;

    @Inject
    DataDirectory dataDirectory;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "twofold.db.url")
    String databaseUrl;

    public record Taken(DatabaseKind kind, String schemaVersion, Optional<Path> file) {
    }

    public Taken take() {
        DatabaseKind kind = DatabaseKind.of(databaseUrl);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            String schemaVersion = schemaVersion(statement);
            if (kind != DatabaseKind.H2) {
                return new Taken(kind, schemaVersion, Optional.empty());
            }
            Path backups = dataDirectory.resolve("backups");
            Files.createDirectories(backups, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path file = backups.resolve("database-" + STAMP.format(clock.instant()) + ".zip");
            statement.execute("BACKUP TO '" + file.toString().replace("'", "''") + "'");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return new Taken(kind, schemaVersion, Optional.of(file));
        } catch (SQLException e) {
            throw new IllegalStateException("The database backup failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the database backup into " + dataDirectory.resolve("backups"), e);
        }
    }

    private static String schemaVersion(Statement statement) throws SQLException {
        statement.setMaxRows(1);
        try (ResultSet latest = statement.executeQuery("SELECT \"version\" FROM \"flyway_schema_history\""
                + " WHERE \"success\" AND \"version\" IS NOT NULL ORDER BY \"installed_rank\" DESC")) {
            return latest.next() ? latest.getString(1) : "0";
        }
    }
}
