package org.twofold.device.boundary;

import java.io.Serializable;
import java.util.Locale;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;

import org.twofold.dashboard.boundary.Messages;
import org.twofold.dashboard.control.CountLimit;
import org.twofold.device.control.DeviceSearch;
import org.twofold.device.entity.DeviceState;
import org.twofold.operator.entity.Role;

/**
 * All devices, e.g. every BLOCKED one, with the security officer's unblock. The search lives in the URL
 * ({@code devices.xhtml?state=BLOCKED&user=jd&sort=bound&order=asc&first=50}), so it can be bookmarked.
 */
@Named("devices")
@ViewScoped
public class DevicesPage implements Serializable {

    public static final int PAGE_SIZE = 50;

    @Inject
    DeviceListing listing;

    @Inject
    AdminDevicesResource resource;

    @Inject
    SecurityContext security;

    @Inject
    CountLimit limit;

    private DeviceState state;
    private String user;
    private String sort;
    private String order;
    private int first;
    private DeviceRows rows;

    /** Runs once the URL's parameters are set. Newest first unless {@code order=asc}. */
    public void load() {
        DeviceSearch.Order by = "bound".equals(sort == null ? "" : sort.toLowerCase(Locale.ROOT))
                ? DeviceSearch.Order.BOUND : DeviceSearch.Order.LAST_SEEN;
        first = Math.max(0, Math.min(first, limit.value() - PAGE_SIZE));
        first -= first % PAGE_SIZE;
        rows = new DeviceRows(listing, new DeviceSearch.Filter(state, user), by, !"asc".equalsIgnoreCase(order),
                limit.value());
    }

    /** A new search starts at the first page, and shows in the address bar. */
    public String search() {
        first = 0;
        return "devices?faces-redirect=true&includeViewParams=true";
    }

    /** The boundary checks the role again; the button is only offered to those it lets through. */
    public void unblock(String deviceId) {
        Messages.run(() -> resource.unblock(deviceId), "Device unblocked: it approves logins again.");
    }

    public boolean isMayUnblock() {
        return security.isCallerInRole(Role.SECURITY_OFFICER.name()) || security.isCallerInRole(Role.ADMIN.name());
    }

    public DeviceState[] getStates() {
        return DeviceState.values();
    }

    public int getCountLimit() {
        return limit.value();
    }

    public int getUserLimit() {
        return DeviceSearch.USER_LIMIT;
    }

    public DeviceRows getRows() {
        return rows;
    }

    public DeviceState getState() {
        return state;
    }

    public void setState(DeviceState state) {
        this.state = state;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getSort() {
        return sort;
    }

    public void setSort(String sort) {
        this.sort = sort;
    }

    public String getOrder() {
        return order;
    }

    public void setOrder(String order) {
        this.order = order;
    }

    public int getFirst() {
        return first;
    }

    public void setFirst(int first) {
        this.first = first;
    }

    public int getPageSize() {
        return PAGE_SIZE;
    }
}
