package org.twofold.platform.control;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

import org.twofold.platform.control.migration.V15__postgresql_code_point_order;

/** Brings the schema to the version this release needs, on H2 and PostgreSQL alike. */
public final class DatabaseMigration {

    private DatabaseMigration() {
    }

    public static MigrateResult migrate(DataSource dataSource, ClassLoader classLoader) {
        return Flyway.configure(classLoader)
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                // listed rather than scanned for, so it does not depend on how the server lays out the deployment
                .javaMigrations(new V15__postgresql_code_point_order())
                .validateMigrationNaming(true)
                .load()
                .migrate();
    }
}
