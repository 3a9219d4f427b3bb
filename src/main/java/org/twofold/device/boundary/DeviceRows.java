package org.twofold.device.boundary;

import java.util.List;

import org.twofold.dashboard.boundary.CountedRows;
import org.twofold.device.control.DeviceSearch;

/** The devices table's rows; a user-name filter is resolved to identities once per count. */
public class DeviceRows extends CountedRows<DeviceSearch.Row, DeviceSearch.Order> {

    private final DeviceListing listing;
    private final DeviceSearch.Filter filter;
    /** Resolved when the table counts, then used for its page: one user-name lookup per request. */
    private DeviceSearch.Selection selection;

    DeviceRows(DeviceListing listing, DeviceSearch.Filter filter, DeviceSearch.Order order, boolean descending,
               int limit) {
        super(order, descending, limit, DeviceSearch.Row::id);
        this.listing = listing;
        this.filter = filter;
    }

    @Override
    protected long countMatches() {
        selection = listing.select(filter);
        return listing.count(selection);
    }

    @Override
    protected DeviceSearch.Order orderOf(String field) {
        return "boundAt".equals(field) ? DeviceSearch.Order.BOUND : DeviceSearch.Order.LAST_SEEN;
    }

    @Override
    protected List<DeviceSearch.Row> page(DeviceSearch.Order order, boolean descending, int first, int size) {
        return listing.page(selection, order, descending, first, size);
    }

    /** The user-name prefix matched too many identities to list their devices. */
    public boolean isTooManyUsers() {
        return selection != null && selection.tooManyUsers();
    }
}
