package org.twofold.dashboard.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.transaction.Transactional;

import org.twofold.dashboard.control.Overview;
import org.twofold.operator.boundary.AllowedRoles;

/** The dashboard's first page. */
@Named("overview")
@RequestScoped
public class OverviewPage {

    @Inject
    Overview overview;

    private Overview.Figures figures;

    @AllowedRoles
    @Transactional(Transactional.TxType.SUPPORTS)
    public Overview.Figures getFigures() {
        if (figures == null) {
            figures = overview.figures();
        }
        return figures;
    }
}
