package org.twofold.device.boundary;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.twofold.device.control.DeviceSearch;
import org.twofold.operator.boundary.AllowedRoles;

/** The door to the devices page's data: every operator may look devices up. */
@ApplicationScoped
public class DeviceListing {

    @Inject
    DeviceSearch search;

    @AllowedRoles
    @Transactional(Transactional.TxType.SUPPORTS)
    public DeviceSearch.Selection select(DeviceSearch.Filter filter) {
        return search.select(filter);
    }

    @AllowedRoles
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<DeviceSearch.Row> page(DeviceSearch.Selection selection, DeviceSearch.Order order, boolean descending,
                                       int first, int size) {
        return search.page(selection, order, descending, first, size);
    }

    @AllowedRoles
    @Transactional(Transactional.TxType.SUPPORTS)
    public long count(DeviceSearch.Selection selection) {
        return search.count(selection);
    }
}
