package org.twofold.platform.boundary;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/** Ready once start-up finished and while the database answers ({@code /health/ready}). */
@org.eclipse.microprofile.health.Readiness
@ApplicationScoped
public class ApplianceReadiness implements HealthCheck {

    @Resource(lookup = ApplianceStartup.DATASOURCE)
    DataSource dataSource;

    private volatile boolean started;

    void startupCompleted() {
        started = true;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("twofold")
                .status(started && databaseAnswers())
                .withData("startupCompleted", started)
                .build();
    }

    private boolean databaseAnswers() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException unreachable) {
            return false;
        }
    }
}
