package org.twofold.identity.boundary;

import java.util.List;

import org.twofold.dashboard.boundary.CountedRows;
import org.twofold.identity.control.IdentitySearch;

/** The users table's rows. */
public class UserRows extends CountedRows<IdentitySearch.Row, IdentitySearch.Order> {

    private final IdentityListing listing;
    private final IdentitySearch.Filter filter;

    UserRows(IdentityListing listing, IdentitySearch.Filter filter, IdentitySearch.Order order, boolean descending,
             int limit) {
        super(order, descending, limit, IdentitySearch.Row::user);
        this.listing = listing;
        this.filter = filter;
    }

    @Override
    protected long countMatches() {
        return listing.count(filter);
    }

    @Override
    protected IdentitySearch.Order orderOf(String field) {
        return switch (field) {
            case "displayName" -> IdentitySearch.Order.NAME;
            case "createdAt" -> IdentitySearch.Order.CREATED;
            default -> IdentitySearch.Order.USER;
        };
    }

    @Override
    protected List<IdentitySearch.Row> page(IdentitySearch.Order order, boolean descending, int first, int size) {
        return listing.page(filter, order, descending, first, size);
    }
}
