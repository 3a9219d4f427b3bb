package org.twofold.identity.boundary;

import java.util.List;
import java.util.Map;

import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

import org.twofold.identity.control.IdentitySearch;

/**
 * The users table's rows, a page at a time from the database. The filter and the starting order come from
 * the page's bookmarkable parameters; a click on a column header sorts by that column instead.
 */
public class UserRows extends LazyDataModel<IdentitySearch.Row> {

    private final IdentityListing listing;
    private final IdentitySearch.Filter filter;
    private final IdentitySearch.Order order;
    private final boolean descending;
    private final int limit;

    UserRows(IdentityListing listing, IdentitySearch.Filter filter, IdentitySearch.Order order, boolean descending,
             int limit) {
        this.listing = listing;
        this.limit = limit;
        this.filter = filter;
        this.order = order;
        this.descending = descending;
    }

    private boolean countCapped;

    /** Past the limit's number of matches the pages stop there, and the page says so. */
    @Override
    public int count(Map<String, FilterMeta> filterBy) {
        long counted = listing.count(filter);
        countCapped = counted > limit;
        return (int) Math.min(counted, limit);
    }

    public boolean isCountCapped() {
        return countCapped;
    }

    @Override
    public List<IdentitySearch.Row> load(int first, int pageSize, Map<String, SortMeta> sortBy,
                                         Map<String, FilterMeta> filterBy) {
        IdentitySearch.Order sortOrder = order;
        boolean sortDescending = descending;
        for (SortMeta sort : sortBy.values()) {
            if (sort.getOrder() != SortOrder.UNSORTED) {
                sortOrder = switch (sort.getField()) {
                    case "displayName" -> IdentitySearch.Order.NAME;
                    case "createdAt" -> IdentitySearch.Order.CREATED;
                    default -> IdentitySearch.Order.USER;
                };
                sortDescending = sort.getOrder() == SortOrder.DESCENDING;
            }
        }
        return listing.page(filter, sortOrder, sortDescending, first, pageSize);
    }

    @Override
    public String getRowKey(IdentitySearch.Row row) {
        return row.user();
    }

    @Override
    public IdentitySearch.Row getRowData(String rowKey) {
        return getWrappedData().stream().filter(row -> row.user().equals(rowKey)).findFirst().orElse(null);
    }
}
