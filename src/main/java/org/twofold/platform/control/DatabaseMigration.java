package org.twofold.platform.control;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.flywaydb.core.api.output.MigrateResult;

import org.twofold.platform.control.migration.V15__postgresql_code_point_order;

/**
 * Brings the schema to the version this release needs, on H2 and PostgreSQL alike, all or nothing: on
 * PostgreSQL every pending migration runs in one transaction; H2 commits each DDL statement, so it is copied
 * first ({@code BACKUP TO}) and put back if a migration fails. A database written by a newer release (a
 * migration this release does not know) is refused rather than used.
 */
public final class DatabaseMigration {

    private static final Logger LOG = Logger.getLogger(DatabaseMigration.class.getName());
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private DatabaseMigration() {
    }

    /**
     * @param h2File the H2 database file without {@code .mv.db}, empty for PostgreSQL or an in-memory H2
     * @param backups where the copy before an H2 upgrade goes
     */
    public static MigrateResult migrate(DataSource dataSource, ClassLoader classLoader, Optional<Path> h2File, Path backups) {
        Flyway flyway = Flyway.configure(classLoader)
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                // listed rather than scanned for, so it does not depend on how the server lays out the deployment
                .javaMigrations(new V15__postgresql_code_point_order())
                .validateMigrationNaming(true)
                // a migration applied by a newer release fails validation instead of being ignored
                .ignoreMigrationPatterns(new String[0])
                .group(true)
                .load();
        MigrationInfoService info = flyway.info();
        String from = Optional.ofNullable(info.current()).map(current -> current.getVersion().getVersion()).orElse("none");
        MigrationInfo[] pending = info.pending();
        String to = pending.length == 0 ? from : pending[pending.length - 1].getVersion().getVersion();
        Optional<Path> copy = "none".equals(from) || pending.length == 0
                ? Optional.empty() : h2File.map(file -> copyBeforeUpgrade(dataSource, backups, from, to));
        try {
            return flyway.migrate();
        } catch (FlywayValidateException differs) {
            throw new IllegalStateException("The database does not match this release's migrations (it was written by a"
                    + " newer release, or changed by hand): " + causeOf(differs) + "\nNothing was changed. Start the"
                    + " release that wrote it, or restore a backup taken with this release.", differs);
        } catch (FlywayException failed) {
            if ("none".equals(from)) {
                throw new IllegalStateException("Creating the database schema failed: " + causeOf(failed), failed);
            }
            String reason = "The upgrade of the database from schema version " + from + " to " + to + " failed: "
                    + causeOf(failed) + "\n";
            String next = " Start the previous release again, or remove the cause and start this one again.";
            if (copy.isEmpty()) {
                throw new IllegalStateException(reason + "Nothing was changed: the migrations ran in one transaction." + next,
                        failed);
            }
            putBack(dataSource, h2File.orElseThrow(), copy.get());
            throw new IllegalStateException(reason + "The database was put back as it was before the upgrade (a copy is kept"
                    + " in " + copy.get() + ")." + next, failed);
        }
    }

    /** Flyway's own message names the script; the database's names what in it failed. */
    private static String causeOf(FlywayException failed) {
        Throwable root = failed;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == failed ? failed.getMessage() : failed.getMessage().strip() + " (" + root.getMessage().strip() + ")";
    }

    /** The H2 file of a {@code jdbc:h2:file:} (or plain {@code jdbc:h2:}) URL; empty for other databases. */
    public static Optional<Path> h2File(String databaseUrl) {
        if (!databaseUrl.startsWith("jdbc:h2:") || databaseUrl.startsWith("jdbc:h2:mem:") || databaseUrl.startsWith("jdbc:h2:tcp:")
                || databaseUrl.startsWith("jdbc:h2:ssl:")) {
            return Optional.empty();
        }
        String path = databaseUrl.substring("jdbc:h2:".length());
        path = path.startsWith("file:") ? path.substring("file:".length()) : path;
        int parameters = path.indexOf(';');
        return Optional.of(Path.of(parameters < 0 ? path : path.substring(0, parameters)).toAbsolutePath());
    }

    private static Path copyBeforeUpgrade(DataSource dataSource, Path backups, String from, String to) {
        Path copy = backups.resolve("before-upgrade-" + from + "-to-" + to + "-" + STAMP.format(Instant.now()) + ".zip");
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            Files.createDirectories(backups, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            statement.execute("BACKUP TO '" + copy.toString().replace("'", "''") + "'");
            Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-------"));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Cannot copy the database before upgrading it from schema version " + from
                    + " to " + to + " (" + copy + "); nothing was changed: " + e.getMessage(), e);
        }
        LOG.info(() -> "Upgrading the database from schema version " + from + " to " + to + "; a copy from before is in " + copy);
        return copy;
    }

    /** Closes the H2 database (every connection) and writes the copy's file over it. */
    private static void putBack(DataSource dataSource, Path h2File, Path copy) {
        try {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("SHUTDOWN");
            }
            try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(copy))) {
                for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                    if (entry.getName().endsWith(".mv.db")) {
                        replace(zip, Path.of(h2File + ".mv.db"));
                        return;
                    }
                }
            }
            throw new IOException("the copy " + copy + " holds no database file");
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("The upgrade failed and the database could not be put back: restore " + copy
                    + " (unzip it into " + h2File.getParent() + ") before starting again: " + e.getMessage(), e);
        }
    }

    private static void replace(InputStream content, Path file) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), ".restore", ".tmp");
        Files.copy(content, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
