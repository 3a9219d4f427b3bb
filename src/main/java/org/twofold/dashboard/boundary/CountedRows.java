package org.twofold.dashboard.boundary;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;
import org.primefaces.model.SortOrder;

/**
 * A long list's rows, a page at a time from the database, counted up to a limit (users, devices). The search
 * comes from the page's bookmarkable parameters; a click on a column header sorts by that column instead.
 *
 * @param <T> a row
 * @param <O> the orders the list offers
 */
public abstract class CountedRows<T, O> extends LazyDataModel<T> {

    private final O order;
    private final boolean descending;
    private final int limit;
    private final Function<T, String> key;
    private long matches;
    private boolean counted;

    protected CountedRows(O order, boolean descending, int limit, Function<T, String> key) {
        this.order = order;
        this.descending = descending;
        this.limit = limit;
        this.key = key;
    }

    /** How many rows match, or any number above the limit when more do. */
    protected abstract long countMatches();

    /** The order a column header's {@code sortBy} field stands for. */
    protected abstract O orderOf(String field);

    protected abstract List<T> page(O order, boolean descending, int first, int size);

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
        matches = countMatches();
        counted = true;
        return (int) Math.min(matches, limit);
    }

    @Override
    public List<T> load(int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
        O sortOrder = order;
        boolean sortDescending = descending;
        for (SortMeta sort : sortBy.values()) {
            if (sort.getOrder() != SortOrder.UNSORTED) {
                sortOrder = orderOf(sort.getField());
                sortDescending = sort.getOrder() == SortOrder.DESCENDING;
            }
        }
        // PrimeFaces counts before loading only beyond the first page; on the first it would keep the count
        // of the previous request (stale after an action took a row out of the list)
        if (!counted) {
            setRowCount(count(filterBy));
        }
        counted = false;
        return page(sortOrder, sortDescending, first, pageSize);
    }

    /** More rows match than were counted: the list shows the first ones up to the limit. */
    public boolean isMore() {
        return matches > limit;
    }

    @Override
    public String getRowKey(T row) {
        return key.apply(row);
    }

    @Override
    public T getRowData(String rowKey) {
        return getWrappedData().stream().filter(row -> key.apply(row).equals(rowKey)).findFirst().orElse(null);
    }
}
