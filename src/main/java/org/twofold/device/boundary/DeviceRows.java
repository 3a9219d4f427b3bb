package org.twofold.device.boundary;

import java.util.List;
import java.util.Map;

import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

import org.twofold.device.control.DeviceSearch;

/**
 * The devices table's rows, a page at a time from the database. The filter and the starting order come
 * from the page's bookmarkable parameters; a click on a column header sorts by that column instead.
 */
public class DeviceRows extends LazyDataModel<DeviceSearch.Row> {

    private final DeviceListing listing;
    private final DeviceSearch.Filter filter;
    private final DeviceSearch.Order order;
    private final boolean descending;
    private final int limit;
    /** Resolved when the table counts, then used for its page: one user-name lookup per request. */
    private DeviceSearch.Selection selection;
    private long matches;
    private boolean counted;

    DeviceRows(DeviceListing listing, DeviceSearch.Filter filter, DeviceSearch.Order order, boolean descending,
               int limit) {
        this.listing = listing;
        this.limit = limit;
        this.filter = filter;
        this.order = order;
        this.descending = descending;
    }

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
        selection = listing.select(filter);
        matches = listing.count(selection);
        counted = true;
        return (int) Math.min(matches, limit);
    }

    @Override
    public List<DeviceSearch.Row> load(int first, int pageSize, Map<String, SortMeta> sortBy,
                                       Map<String, FilterMeta> filterBy) {
        DeviceSearch.Order sortOrder = order;
        boolean sortDescending = descending;
        for (SortMeta sort : sortBy.values()) {
            if (sort.getOrder() != SortOrder.UNSORTED) {
                sortOrder = "boundAt".equals(sort.getField()) ? DeviceSearch.Order.BOUND : DeviceSearch.Order.LAST_SEEN;
                sortDescending = sort.getOrder() == SortOrder.DESCENDING;
            }
        }
        // PrimeFaces counts before loading only beyond the first page; on the first it would keep the count
        // of the previous request (stale after an unblock took a device out of the list)
        if (!counted) {
            setRowCount(count(filterBy));
        }
        counted = false;
        return listing.page(selection, sortOrder, sortDescending, first, pageSize);
    }

    /** More devices match than were counted: the list shows the first ones up to the limit. */
    public boolean isMore() {
        return matches > limit;
    }

    /** The user-name prefix matched too many identities to list their devices. */
    public boolean isTooManyUsers() {
        return selection != null && selection.tooManyUsers();
    }

    @Override
    public String getRowKey(DeviceSearch.Row row) {
        return row.id();
    }

    @Override
    public DeviceSearch.Row getRowData(String rowKey) {
        return getWrappedData().stream().filter(row -> row.id().equals(rowKey)).findFirst().orElse(null);
    }
}
