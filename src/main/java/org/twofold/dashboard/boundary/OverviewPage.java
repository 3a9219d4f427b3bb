package org.twofold.dashboard.boundary;

import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import org.twofold.dashboard.control.Overview;
import org.twofold.operator.boundary.AllowedRoles;

/** The dashboard's first page. */
@Named("overview")
@RequestScoped
public class OverviewPage {

    @Inject
    Overview overview;

    /** The checks behind {@code /health/ready}, which a load balancer asks too. */
    @Inject
    @Readiness
    Instance<HealthCheck> readiness;

    private Overview.Figures figures;
    private List<HealthCheckResponse> health;

    @AllowedRoles
    @Transactional(Transactional.TxType.SUPPORTS)
    public Overview.Figures getFigures() {
        if (figures == null) {
            figures = overview.figures();
        }
        return figures;
    }

    @AllowedRoles
    public List<HealthCheckResponse> getHealth() {
        if (health == null) {
            // by name: the card reads the same on every visit, whatever order the checks were found in
            health = readiness.stream().map(HealthCheck::call)
                    .sorted(Comparator.comparing(HealthCheckResponse::getName)).toList();
        }
        return health;
    }

    public boolean isHealthy() {
        return getHealth().stream().allMatch(check -> check.getStatus() == HealthCheckResponse.Status.UP);
    }
}
