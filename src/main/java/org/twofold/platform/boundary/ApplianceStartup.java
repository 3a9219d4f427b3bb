package org.twofold.platform.boundary;

import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.Readiness;
import org.flywaydb.core.api.output.MigrateResult;
import org.twofold.crypto.control.SecretHasher;
import org.twofold.operator.control.InitialOperator;
import org.twofold.platform.control.DataDirectory;
import org.twofold.platform.control.DatabaseMigration;
import org.twofold.platform.control.MaintenanceToken;

/**
 * First thing the appliance does: data directory, database schema, pepper, first operator, maintenance
 * token — in that order and before any request is served. The datasource is defined here by configuration alone:
 * {@code twofold.db.url} selects H2 or PostgreSQL (see {@link org.twofold.platform.control.DerivedDefaults}).
 */
@Startup
@Singleton
@TransactionManagement(TransactionManagementType.BEAN)
@DataSourceDefinition(
        name = ApplianceStartup.DATASOURCE,
        className = "${MPCONFIG=twofold.db.datasource-class}",
        url = "${MPCONFIG=twofold.db.url}",
        user = "${MPCONFIG=twofold.db.user}",
        password = "${MPCONFIG=twofold.db.password}",
        minPoolSize = 2,
        maxPoolSize = 40,
        properties = {
                // Validate pooled connections (a PostgreSQL restart must not break requests), but at most
                // once a minute per connection: validating on every checkout cost a COMMIT per statement.
                "fish.payara.is-connection-validation-required=true",
                "fish.payara.connection-validation-method=auto-commit",
                "fish.payara.validate-atmost-once-period-in-seconds=60"
        })
public class ApplianceStartup {

    public static final String DATASOURCE = "java:app/jdbc/twofold";
    private static final Logger LOG = Logger.getLogger(ApplianceStartup.class.getName());

    @Resource(lookup = DATASOURCE)
    DataSource dataSource;

    @Inject
    DataDirectory dataDirectory;

    @Inject
    @ConfigProperty(name = "twofold.db.url")
    String databaseUrl;

    /** Injected so that the pepper is loaded (or generated) at start-up, not on the first request. */
    @Inject
    SecretHasher secretHasher;

    @Inject
    InitialOperator initialOperator;

    @Inject
    MaintenanceToken maintenanceToken;

    @Inject
    @Readiness
    ApplianceReadiness readiness;

    @PostConstruct
    void start() {
        dataDirectory.ensureExists();
        MigrateResult migration = migrateSchema();
        LOG.info(() -> "Database schema at version " + migration.targetSchemaVersion
                + " (" + migration.migrationsExecuted + " migrations applied now)");
        initialOperator.ensureExists();
        maintenanceToken.issue();
        readiness.startupCompleted();
    }

    private MigrateResult migrateSchema() {
        try {
            return DatabaseMigration.migrate(dataSource, getClass().getClassLoader(), DatabaseMigration.h2File(databaseUrl),
                    dataDirectory.resolve("backups"));
        } catch (IllegalStateException refused) {
            // the one line an administrator reads in the log or journal: what failed and what to do
            LOG.severe(refused.getMessage());
            throw refused;
        }
    }
}
