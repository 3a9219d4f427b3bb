package org.twofold.identity.boundary;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.twofold.identity.control.IdentitySearch;
import org.twofold.operator.boundary.AllowedRoles;

/** The door to the users page's data: every operator may look identities up. */
@ApplicationScoped
public class IdentityListing {

    @Inject
    IdentitySearch search;

    @AllowedRoles
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<IdentitySearch.Row> page(IdentitySearch.Filter filter, IdentitySearch.Order order, boolean descending,
                                         int first, int size) {
        return search.page(filter, order, descending, first, size);
    }

    @AllowedRoles
    @Transactional(Transactional.TxType.SUPPORTS)
    public long count(IdentitySearch.Filter filter) {
        return search.count(filter);
    }
}
