package org.twofold.identity.boundary;

import java.io.Serializable;
import java.util.Locale;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.twofold.dashboard.control.CountLimit;
import org.twofold.identity.control.IdentitySearch;
import org.twofold.identity.entity.IdentityStatus;

/**
 * The users page. Its search lives in the URL ({@code users.xhtml?user=jd&status=DEACTIVATED&sort=name&first=50}),
 * so a helpdesk can bookmark or pass on what they looked at.
 */
@Named("users")
@ViewScoped
public class UsersPage implements Serializable {

    public static final int PAGE_SIZE = 50;

    @Inject
    IdentityListing listing;

    @Inject
    CountLimit limit;

    private String user;
    private String name;
    private IdentityStatus status;
    private String sort;
    private String order;
    private int first;
    private UserRows rows;

    /** Runs once the URL's parameters are set. */
    public void load() {
        IdentitySearch.Filter filter = new IdentitySearch.Filter(user, name, status);
        IdentitySearch.Order by = switch (sort == null ? "" : sort.toLowerCase(Locale.ROOT)) {
            case "name" -> IdentitySearch.Order.NAME;
            case "created" -> IdentitySearch.Order.CREATED;
            case "user" -> IdentitySearch.Order.USER;
            // a display-name search is shown in the order of the index it reads; user-name order would sort every match
            default -> filter.byName() && !filter.byUser() ? IdentitySearch.Order.NAME : IdentitySearch.Order.USER;
        };
        first = Math.max(0, Math.min(first - first % PAGE_SIZE, limit.value() - PAGE_SIZE));
        rows = new UserRows(listing, filter, by, "desc".equalsIgnoreCase(order),
                limit.value());
    }

    /** A new search starts at the first page, and shows in the address bar. */
    public String search() {
        first = 0;
        return "users?faces-redirect=true&includeViewParams=true";
    }

    public IdentityStatus[] getStatuses() {
        return IdentityStatus.values();
    }

    public UserRows getRows() {
        return rows;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public IdentityStatus getStatus() {
        return status;
    }

    public void setStatus(IdentityStatus status) {
        this.status = status;
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

    public int getCountLimit() {
        return limit.value();
    }

    public int getPageSize() {
        return PAGE_SIZE;
    }
}
